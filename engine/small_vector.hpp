// A vector of trivially copyable values that keeps its first N in place: for the short lists
// every item holds (most items have one source credential), which would otherwise cost a heap
// allocation each.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <type_traits>
#include <vector>

namespace credo::engine {

template <class T, std::size_t N>
class SmallVector {
    static_assert(std::is_trivially_copyable_v<T>, "SmallVector holds trivially copyable values");

public:
    SmallVector() = default;
    SmallVector(std::initializer_list<T> values) { assign(values.begin(), values.end()); }
    SmallVector(const std::vector<T>& values) { assign(values.data(), values.data() + values.size()); }
    SmallVector(const SmallVector& other) { assign(other.begin(), other.end()); }
    SmallVector(SmallVector&& other) noexcept { take(other); }
    SmallVector& operator=(const SmallVector& other) {
        if (this != &other) assign(other.begin(), other.end());
        return *this;
    }
    SmallVector& operator=(SmallVector&& other) noexcept {
        if (this != &other) {
            heap_.reset();
            take(other);
        }
        return *this;
    }

    T* begin() { return data(); }
    T* end() { return data() + size_; }
    const T* begin() const { return data(); }
    const T* end() const { return data() + size_; }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    T& operator[](std::size_t k) { return data()[k]; }
    const T& operator[](std::size_t k) const { return data()[k]; }
    const T& front() const { return data()[0]; }

    void clear() { size_ = 0; }
    void push_back(T value) {
        if (size_ == capacity_) grow(capacity_ * 2);
        data()[size_++] = value;
    }
    void assign(const T* first, const T* last) {
        const std::size_t n = static_cast<std::size_t>(last - first);
        size_ = 0;
        if (n > capacity_) grow(n);
        if (n) std::memmove(data(), first, n * sizeof(T));
        size_ = n;
    }

    friend bool operator==(const SmallVector& a, const SmallVector& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end());
    }
    friend bool operator!=(const SmallVector& a, const SmallVector& b) { return !(a == b); }

private:
    T* data() { return heap_ ? heap_.get() : local_; }
    const T* data() const { return heap_ ? heap_.get() : local_; }

    void grow(std::size_t capacity) {
        std::unique_ptr<T[]> bigger(new T[capacity]);
        if (size_) std::memcpy(bigger.get(), data(), size_ * sizeof(T));
        heap_ = std::move(bigger);
        capacity_ = capacity;
    }
    void take(SmallVector& other) {
        size_ = other.size_;
        if (other.heap_) {
            heap_ = std::move(other.heap_);
            capacity_ = other.capacity_;
        } else {
            capacity_ = N;
            if (size_) std::memcpy(local_, other.local_, size_ * sizeof(T));
        }
        other.size_ = 0;
        other.capacity_ = N;
    }

    T local_[N] = {};
    std::unique_ptr<T[]> heap_;
    std::size_t size_ = 0;
    std::size_t capacity_ = N;
};

}  // namespace credo::engine
