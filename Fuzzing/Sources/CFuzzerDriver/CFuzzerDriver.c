// Only the header matters; SwiftPM wants a source file per C target.
#include "CFuzzerDriver.h"
