"""The organisation import and the first run of a new authority (issue 13, item 7).

An EAP administrator of an authority that is not in the seeds loads its plan, then
creates its agencies, schools and units from one file (CSV, XLSX or ODS, read by the
roster's readers), checked whole before anything is written (decision 0039):

    rows = organisation_parse(data, "organisation.xlsx")   # RosterFileError on a bad file
    outcome = organisation_import(data=..., filename=..., authority=..., dry_run=True)

The parts: `columns` (the columns and the words of a kind), `errors` (codes worded when
shown), `services` (check, plan, apply), `template` (the downloadable template), `tasks`
(the background job), `forms` and `views` (the pages), `firstrun` (the five steps of a new
authority, done or not from the data).
"""
