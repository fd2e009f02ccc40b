"""External providers: institutions, their counsellors and rates, timetables and monthly
statements by case code; group and management-consultation requests."""
