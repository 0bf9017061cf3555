#ifndef NEWSINGEST_CLIBXML2_SHIM_H
#define NEWSINGEST_CLIBXML2_SHIM_H
// Debian builds libxml2 with ICU, and its encoding header then includes the system's ICU headers, which clash with
// Foundation's own ICU module. Nothing here uses libxml2's ICU converters, so keep their declarations out.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#endif
