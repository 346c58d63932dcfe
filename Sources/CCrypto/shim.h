// SHA-256 from the system's libcrypto (libssl-dev): asset content addresses.
#include <openssl/sha.h>
