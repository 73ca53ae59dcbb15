"""Benchmarks: ``make bench`` (or ``python -m bench [NAME …]``).

Each benchmark times its workload against a baseline run in the same process
on the same input, and reports the ratio beside the absolute time and the
target the issue sets, so a slower or busier machine shifts both alike.
"""
