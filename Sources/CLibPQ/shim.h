#ifndef NEWSINGEST_CLIBPQ_SHIM_H
#define NEWSINGEST_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
