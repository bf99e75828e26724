// A set of 64-bit hashes in one flat table: what a run remembers per article (a shard's
// ids added this run) costs 11 to 21 bytes an entry here, where std::unordered_set takes
// some 40 (a node and a bucket each).  Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ndx {

class HashSet {
  public:
    // Adds `h`; true when it was not in the set yet.
    bool insert(std::uint64_t h) {
        if (h == 0) {  // the empty slot's mark, kept apart
            const bool added = !has_zero_;
            has_zero_ = true;
            return added;
        }
        if ((count_ + 1) * 4 > slots_.size() * 3) grow();
        if (!place(slots_, h)) return false;
        ++count_;
        return true;
    }
    std::size_t size() const { return count_ + (has_zero_ ? 1 : 0); }

  private:
    // Linear probing from the hash's high bits (the hashes are FNV-1a: mixed enough).
    static bool place(std::vector<std::uint64_t>& slots, std::uint64_t h) {
        const std::size_t mask = slots.size() - 1;
        for (std::size_t i = (h >> 17) & mask;; i = (i + 1) & mask) {
            if (slots[i] == h) return false;
            if (slots[i] == 0) {
                slots[i] = h;
                return true;
            }
        }
    }
    void grow() {
        std::vector<std::uint64_t> bigger(slots_.empty() ? 1024 : slots_.size() * 2, 0);
        for (std::uint64_t h : slots_)
            if (h) place(bigger, h);
        slots_.swap(bigger);
    }

    std::vector<std::uint64_t> slots_;  // 0: empty; a power of two in size
    std::size_t count_ = 0;             // non-zero hashes held
    bool has_zero_ = false;
};

}  // namespace ndx
