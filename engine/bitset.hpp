// A fixed-size bitset over catalogue units, sized at compile time of a ruleset.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

namespace credo::engine {

/// Dense bitset; all sets of one ruleset share the catalogue's size.
class Bitset {
public:
    Bitset() = default;
    explicit Bitset(std::size_t size) : size_(size), words_((size + 63) / 64, 0) {}

    std::size_t size() const { return size_; }
    bool test(std::size_t i) const { return (words_[i >> 6] >> (i & 63)) & 1u; }
    void set(std::size_t i) { words_[i >> 6] |= std::uint64_t{1} << (i & 63); }
    void reset(std::size_t i) { words_[i >> 6] &= ~(std::uint64_t{1} << (i & 63)); }
    void set_all() {
        for (auto& w : words_) w = ~std::uint64_t{0};
        trim();
    }
    bool any() const {
        for (auto w : words_)
            if (w) return true;
        return false;
    }
    std::size_t count() const {
        std::size_t n = 0;
        for (auto w : words_) n += static_cast<std::size_t>(__builtin_popcountll(w));
        return n;
    }
    Bitset& operator|=(const Bitset& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] |= o.words_[i];
        return *this;
    }
    Bitset& operator&=(const Bitset& o) {
        for (std::size_t i = 0; i < words_.size(); ++i) words_[i] &= o.words_[i];
        return *this;
    }
    bool intersects(const Bitset& o) const {
        for (std::size_t i = 0; i < words_.size(); ++i)
            if (words_[i] & o.words_[i]) return true;
        return false;
    }
    /// True when every bit set here is set in `o` (of the same size).
    bool subset_of(const Bitset& o) const {
        for (std::size_t i = 0; i < words_.size(); ++i)
            if (words_[i] & ~o.words_[i]) return false;
        return true;
    }
    bool operator==(const Bitset& o) const { return size_ == o.size_ && words_ == o.words_; }
    /// The first set bit at or after `from`, or size() when there is none.
    std::size_t next(std::size_t from) const {
        for (std::size_t w = from >> 6; w < words_.size(); ++w) {
            std::uint64_t bits = words_[w];
            if (w == from >> 6) bits &= ~std::uint64_t{0} << (from & 63);
            if (bits) return w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits));
        }
        return size_;
    }
    void swap(Bitset& o) noexcept {
        std::swap(size_, o.size_);
        words_.swap(o.words_);
    }
    /// Calls f(index) for each set bit, in increasing order.
    template <typename F>
    void for_each(F&& f) const {
        for (std::size_t w = 0; w < words_.size(); ++w)
            for (std::uint64_t bits = words_[w]; bits; bits &= bits - 1)
                f(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
    }

    /// Calls f(index) for each bit set both here and in `o` (of the same size), in increasing order.
    template <typename F>
    void for_each_common(const Bitset& o, F&& f) const {
        for (std::size_t w = 0; w < words_.size(); ++w)
            for (std::uint64_t bits = words_[w] & o.words_[w]; bits; bits &= bits - 1)
                f(w * 64 + static_cast<std::size_t>(__builtin_ctzll(bits)));
    }

private:
    void trim() {
        if (size_ % 64 && !words_.empty()) words_.back() &= (std::uint64_t{1} << (size_ % 64)) - 1;
    }
    std::size_t size_ = 0;
    std::vector<std::uint64_t> words_;
};

}  // namespace credo::engine
