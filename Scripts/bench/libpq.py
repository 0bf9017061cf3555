"""A minimal PostgreSQL client over the system libpq (ctypes), so the benchmark needs nothing beyond Python's
standard library and the libpq the project already builds against. Values come back as text (or None)."""
import ctypes
import ctypes.util

_PGRES_COMMAND_OK, _PGRES_TUPLES_OK = 1, 2
_CONNECTION_OK = 0


class DatabaseError(Exception):
    pass


def _load():
    lib = ctypes.CDLL(ctypes.util.find_library("pq") or "libpq.so.5")
    signatures = {
        "PQconnectdb": ([ctypes.c_char_p], ctypes.c_void_p),
        "PQstatus": ([ctypes.c_void_p], ctypes.c_int),
        "PQerrorMessage": ([ctypes.c_void_p], ctypes.c_char_p),
        "PQfinish": ([ctypes.c_void_p], None),
        "PQexec": ([ctypes.c_void_p, ctypes.c_char_p], ctypes.c_void_p),
        "PQresultStatus": ([ctypes.c_void_p], ctypes.c_int),
        "PQresultErrorMessage": ([ctypes.c_void_p], ctypes.c_char_p),
        "PQntuples": ([ctypes.c_void_p], ctypes.c_int),
        "PQnfields": ([ctypes.c_void_p], ctypes.c_int),
        "PQgetvalue": ([ctypes.c_void_p, ctypes.c_int, ctypes.c_int], ctypes.c_char_p),
        "PQgetisnull": ([ctypes.c_void_p, ctypes.c_int, ctypes.c_int], ctypes.c_int),
        "PQclear": ([ctypes.c_void_p], None),
    }
    for name, (arguments, result) in signatures.items():
        function = getattr(lib, name)
        function.argtypes = arguments
        function.restype = result
    return lib


class Connection:
    """One libpq connection. Only fixed SQL text is sent: identifiers come from the catalogs and are quoted with
    quote_ident by the server, never spliced from user input."""

    _lib = None

    def __init__(self, conninfo):
        if Connection._lib is None:
            Connection._lib = _load()
        self._conn = self._lib.PQconnectdb(conninfo.encode())
        if self._lib.PQstatus(self._conn) != _CONNECTION_OK:
            message = self._lib.PQerrorMessage(self._conn).decode(errors="replace").strip()
            self._lib.PQfinish(self._conn)
            self._conn = None
            raise DatabaseError(message)

    def query(self, sql):
        """Rows of the last statement in `sql`, each a tuple of str or None."""
        result = self._lib.PQexec(self._conn, sql.encode())
        try:
            status = self._lib.PQresultStatus(result)
            if status not in (_PGRES_COMMAND_OK, _PGRES_TUPLES_OK):
                raise DatabaseError(self._lib.PQresultErrorMessage(result).decode(errors="replace").strip())
            rows = []
            for row in range(self._lib.PQntuples(result)):
                rows.append(tuple(
                    None if self._lib.PQgetisnull(result, row, column)
                    else self._lib.PQgetvalue(result, row, column).decode()
                    for column in range(self._lib.PQnfields(result))))
            return rows
        finally:
            self._lib.PQclear(result)

    def value(self, sql):
        rows = self.query(sql)
        return rows[0][0] if rows else None

    def close(self):
        if self._conn is not None:
            self._lib.PQfinish(self._conn)
            self._conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
