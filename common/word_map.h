// A hash map from short strings (words) to values, for the per-word look-ups of indexing
// (the stem cache, the spelling counter): open addressing over a power-of-two table of
// 8-byte slots (a 32-bit hash tag and an entry number), the entries in a vector in the
// order they were added.  Against std::unordered_map it saves the modulo by a prime, a
// node allocation per word and a pointer chase per look-up.  No erase, only clear().
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ndx {

template <class V>
class WordMap {
  public:
    using Entry = std::pair<std::string, V>;

    // The value of `word`, added (value-initialised) when missing.
    V& operator[](std::string_view word) {
        const std::uint64_t h = hash(word);
        if ((entries_.size() + 1) * 2 > slots_.size()) grow();
        const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            Slot& s = slots_[i];
            if (s.entry == 0) {
                entries_.emplace_back(std::string(word), V{});
                s = {tag, static_cast<std::uint32_t>(entries_.size())};
                return entries_.back().second;
            }
            if (s.tag == tag && entries_[s.entry - 1].first == word)
                return entries_[s.entry - 1].second;
        }
    }

    // The value of `word`, or null.
    const V* find(std::string_view word) const {
        if (entries_.empty()) return nullptr;
        const std::uint64_t h = hash(word);
        const std::uint32_t tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = h & mask_;; i = (i + 1) & mask_) {
            const Slot& s = slots_[i];
            if (s.entry == 0) return nullptr;
            if (s.tag == tag && entries_[s.entry - 1].first == word)
                return &entries_[s.entry - 1].second;
        }
    }

    V* find(std::string_view word) {
        return const_cast<V*>(static_cast<const WordMap*>(this)->find(word));
    }

    std::size_t size() const { return entries_.size(); }
    bool empty() const { return entries_.empty(); }
    // The entries in the order they were added.
    const std::vector<Entry>& entries() const { return entries_; }
    void clear() {
        entries_.clear();
        slots_.assign(slots_.size(), Slot{});
    }

  private:
    struct Slot {
        std::uint32_t tag = 0;
        std::uint32_t entry = 0;  // 1-based; 0: empty
    };

    // FNV-1a over the bytes, then a multiply-xorshift so that the low bits (the slot) and
    // the high bits (the tag) both depend on every byte.
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ULL;
        h ^= h >> 29;
        h *= 0xbf58476d1ce4e5b9ULL;
        h ^= h >> 32;
        return h;
    }

    void grow() {
        const std::size_t n = slots_.empty() ? 1024 : slots_.size() * 2;
        slots_.assign(n, Slot{});
        mask_ = n - 1;
        for (std::size_t e = 0; e < entries_.size(); ++e) {
            const std::uint64_t h = hash(entries_[e].first);
            std::size_t i = h & mask_;
            while (slots_[i].entry != 0) i = (i + 1) & mask_;
            slots_[i] = {static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(e + 1)};
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    std::vector<Entry> entries_;
};

}  // namespace ndx
