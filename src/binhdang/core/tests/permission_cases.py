from tests.permission_matrix import Case, everyone

CASES = [Case("core:home", allowed=everyone())]
