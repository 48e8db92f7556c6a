#ifndef HOCAI_CLIBPQ_SHIM_H
#define HOCAI_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
