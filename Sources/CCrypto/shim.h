// SHA-256 from the system's libcrypto (libssl-dev) through the EVP interface, which OpenSSL 3
// keeps current (the SHA256_* calls are deprecated): asset content addresses.
#include <openssl/evp.h>
