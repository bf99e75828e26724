// A large first build, written in parallel parts and merged at the end with Xapian's
// compactor.
#include <algorithm>
#include <array>
#include <filesystem>
#include <set>

#include "common/database.h"
#include "common/error.h"
#include "common/facet_names.h"
#include "common/index_writer.h"
#include "common/metadata.h"
#include "common/schema.h"
#include "indexer/index_steps.h"

namespace ndx {
namespace {

// Metadata present in several parts: facet alias lists and value records are merged, the
// most values per slot is the largest; other keys hold the same value everywhere.
class MergeMetadata : public Xapian::Compactor {
  public:
    std::string resolve_duplicate_metadata(const std::string& key, size_t n,
                                           const std::string tags[]) override {
        if (key.rfind(kFacetAliasMeta, 0) == 0) {
            std::set<std::string> ids;
            for (size_t i = 0; i < n; ++i)
                for (std::size_t j = 0; j + 16 <= tags[i].size(); j += 17)
                    ids.insert(tags[i].substr(j, 16));
            std::string out;
            for (const auto& id : ids) out += (out.empty() ? "" : " ") + id;
            return out;
        }
        if (key == kMaxValuesMeta) {
            MaxValues most{};
            for (size_t i = 0; i < n; ++i) {
                const MaxValues m = parse_max_values(tags[i]);
                for (std::size_t g = 0; g < most.size(); ++g) most[g] = std::max(most[g], m[g]);
            }
            return max_values_value(most);
        }
        if (key.rfind(kFacetValueMeta, 0) == 0)  // every written form, the preferred shown
            return merge_value_records(std::vector<std::string>(tags, tags + n));
        return tags[0];
    }
};

}  // namespace

// True when `path` holds no index yet (or an empty one).
bool is_new_index(const std::string& path) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return true;
    if (std::filesystem::exists(std::filesystem::path(path) / kShardStub, ec)) return false;
    try {
        return Xapian::Database(path).get_doccount() == 0;
    } catch (const Xapian::Error&) {
        return false;  // let the writer report what is wrong with it
    }
}

// Merges the parts of a parallel build into the index at `target`, then removes them.
void merge_parts(const std::string& build_dir, const std::string& target) {
    namespace fs = std::filesystem;
    const std::string merged = target + ".ndx-merge";
    std::error_code ec;
    fs::remove_all(merged, ec);
    try {
        Xapian::Database parts(build_dir + "/" + kShardStub);
        MergeMetadata merge;
        parts.compact(merged, 0, 0, merge);
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot merge the parts of '" + target + "': " + e.get_description());
    }
    remove_index_dir(target);  // nothing there, or an empty index
    fs::rename(merged, target, ec);
    if (ec) throw IndexError("cannot move the merged index to '" + target + "': " + ec.message());
    fs::remove_all(build_dir, ec);
}

}  // namespace ndx
