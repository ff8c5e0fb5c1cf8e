#ifndef INQUEST_CLIBPQ_SHIM_H
#define INQUEST_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
