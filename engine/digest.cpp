// SHA-256 digest of a ruleset's files, through OpenSSL's libcrypto.
#include "engine/digest.hpp"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace credo::engine {

std::string ruleset_digest(const std::vector<dsl::SourceFile>& files) {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char hash[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    bool ok = ctx && EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) == 1;
    for (const dsl::SourceFile& f : files)
        ok = ok && EVP_DigestUpdate(ctx.get(), f.text().data(), f.text().size()) == 1;
    ok = ok && EVP_DigestFinal_ex(ctx.get(), hash, &length) == 1;
    if (!ok) throw std::runtime_error("SHA-256 is not available from libcrypto");
    static const char hex[] = "0123456789abcdef";
    std::string out = "sha256:";
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[hash[i] >> 4];
        out += hex[hash[i] & 15];
    }
    return out;
}

}  // namespace credo::engine
