"""Case conferences (個案研討會議): scheduled with the employee's consent, agenda and
decisions sealed to the participants, action items with owners."""
