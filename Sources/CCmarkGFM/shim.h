#ifndef CCMARKGFM_SHIM_H
#define CCMARKGFM_SHIM_H
// Only the public headers: /usr/include/cmark-gfm/ holds private headers (config.h, node.h, ...)
// whose generic names would shadow others, so that directory is never put on the include path.
#include <cmark-gfm.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm-core-extensions.h>
#endif
