from tests.permission_matrix import Case

CASES = [Case("audit:list", allowed={"admin": 200})]
