"""Reviewers' judgements: review files, their merge per application, and the review template.

One module per job: `model` (the values), `loading` (review files, read and validated),
`merging` (matched to applications and merged) and `template` (a file for a reviewer to
fill in).

The machine checks whether an application is *complete*; reviewers in the expert group
judge its *quality* on a 0–5 scale, one YAML file per reviewer and application::

    application: skolnarvaro.yaml        # file name (or path) of the application
    reviewer: Anna Andersson
    recommendation: yes                  # yes | maybe | no
    scores:
      VGR-02: {score: 4, comment: Metoden är väl beskriven}
      VGR-07: {score: 3}
    comment: Övergripande kommentar

Review files are untrusted input like applications: they go through the same safe loader
and a JSON Schema of their own (``schemas/review-1.schema.json``), and every problem is a
`Problem` value with a line and column, never an exception. A review file with an error
is left out of the merge as a whole, so no number in a report rests on a half-read file.

Reviews never change the machine's verdict or score; they are shown beside them.
"""
