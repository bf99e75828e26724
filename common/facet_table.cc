// The facet table file: see facet_table.h.
//
// Layout (host byte order, checked by a marker; every array 8-byte aligned):
//   0   "NDXFACET"
//   8   u32 format (3; 2 is still read), u32 byte-order marker 0x01020304
//   16  u64 database revision, u64 last docid, u64 file size
//   40  char[48] database UUID, NUL padded
//   88  per column (5): u64 dict_size, ords_size, dict offset, start offset, ords offset,
//       articles offset
//   328 (format 3) the value records: u64 count, ids offset, starts offset, blob offset,
//       blob size; the speaker merge: u64 offset, size
//   384 (328 in format 2) the arrays: per column dict u64[dict_size], start u32[last docid
//       + 2], ords u32[ords_size], articles u32[dict_size] (how many articles have each
//       value); then (format 3) the value records: ids u64[count] ascending (every speaker,
//       location, location-tree and group value of the columns), starts u32[count + 1]
//       (where each id's entry starts in the blob, and the blob's end), the blob, and the
//       text of the speaker merge record.
//   A value's entry: u8 0 when the index has no readable record of it; else u8 1, u32
//   check (the low 32 bits of the FNV-1a hash of what follows), u8 facet, u32 depth, then
//   value, key, path and kind, each a u32 length and its bytes.  An entry that does not
//   check out, or whose key is not its id's, is left to the metadata.
#include "common/facet_table.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "common/error.h"
#include "common/facet_catalog.h"
#include "common/facet_ids.h"
#include "common/metadata.h"
#include "common/speaker_merge.h"

namespace ndx {
namespace {

constexpr char kMagic[8] = {'N', 'D', 'X', 'F', 'A', 'C', 'E', 'T'};
constexpr std::uint32_t kFormat = 3;
constexpr std::uint32_t kOldFormat = 2;  // no value records
constexpr std::uint32_t kByteOrder = 0x01020304;
constexpr std::size_t kUuidBytes = 48;
constexpr std::size_t kColumnHeader = 88;
constexpr std::size_t kColumnEntry = 48;
constexpr std::size_t kRecordHeader = kColumnHeader + FacetTable::kColumns * kColumnEntry;
constexpr std::size_t kOldDataStart = kRecordHeader;
constexpr std::size_t kDataStart = kRecordHeader + 7 * 8;

std::size_t align8(std::size_t n) { return (n + 7) & ~std::size_t{7}; }

template <typename T>
T read_at(const unsigned char* base, std::size_t off) {
    T v;
    std::memcpy(&v, base + off, sizeof v);
    return v;
}

template <typename T>
void put_at(std::vector<unsigned char>& buf, std::size_t off, T v) {
    std::memcpy(buf.data() + off, &v, sizeof v);
}

// Writes `n` bytes at the end of the file being built.
void put(int fd, const void* data, std::size_t n, const std::string& path) {
    const auto* p = static_cast<const unsigned char*>(data);
    while (n > 0) {
        const ssize_t w = ::write(fd, p, n);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) throw IndexError("cannot write '" + path + "': " + std::strerror(errno));
        p += w;
        n -= static_cast<std::size_t>(w);
    }
}

// Calls fn(docid, value) for each value of `slot` in documents up to `last`, in docid order.
template <typename Fn>
void for_each_slot_value(const Xapian::Database& db, Slot slot, Xapian::docid last, Fn&& fn) {
    for (auto v = db.valuestream_begin(slot_no(slot)); v != db.valuestream_end(slot_no(slot));
         ++v) {
        const Xapian::docid d = v.get_docid();
        if (d > last) break;
        if (slot == Slot::Date) {
            if (std::uint64_t day = day_number(*v)) fn(d, day);
        } else {
            for_each_packed_id(*v, [&](FacetId id) { fn(d, static_cast<std::uint64_t>(id)); });
        }
    }
}

// Builds one column from its value stream and appends its arrays to the file (at `at`,
// moved past them); returns its header entry.  The stream is read twice, first for each
// document's count and the distinct values, then for the ordinals, written in chunks: one
// column is in memory at a time, about 4 bytes per document plus 12 per distinct value
// (not 8 per value: 12 million location ids at 64 times Reuters-21578).
// The values of an entity column are added to `values`.
std::array<std::uint64_t, 6> append_column(const Xapian::Database& db, Slot slot,
                                           Xapian::docid last, const std::vector<bool>& articles,
                                           int fd, std::size_t& at, const std::string& path,
                                           std::vector<FacetId>& values) {
    std::vector<std::uint32_t> start(static_cast<std::size_t>(last) + 2, 0);
    std::unordered_map<std::uint64_t, std::uint32_t> ordinal;
    std::uint64_t count = 0;
    for_each_slot_value(db, slot, last, [&](Xapian::docid d, std::uint64_t v) {
        ++start[d];  // a count, for now
        ++count;
        ordinal.emplace(v, 0);
    });
    if (count > UINT32_MAX) throw IndexError("too many facet values for the facet table");
    std::uint32_t total = 0;  // counts -> where each document's ordinals start
    for (std::uint32_t& x : start) {
        const std::uint32_t n = x;
        x = total;
        total += n;
    }
    std::vector<std::uint64_t> dict;
    dict.reserve(ordinal.size());
    for (const auto& [v, o] : ordinal) dict.push_back(v);
    std::sort(dict.begin(), dict.end());
    for (std::size_t i = 0; i < dict.size(); ++i) ordinal[dict[i]] = static_cast<std::uint32_t>(i);
    if (slot != Slot::Date) values.insert(values.end(), dict.begin(), dict.end());

    static const unsigned char zeros[8] = {};
    auto pad = [&] {
        const std::size_t to = align8(at);
        put(fd, zeros, to - at, path);
        at = to;
    };
    // Appends an array, padded to 8 bytes; returns where it starts.
    auto append = [&](const void* data, std::size_t bytes) -> std::uint64_t {
        const std::uint64_t where = at;
        put(fd, data, bytes, path);
        at += bytes;
        pad();
        return where;
    };
    std::array<std::uint64_t, 6> h{dict.size(), count, 0, 0, 0, 0};
    std::vector<std::uint32_t> in_articles(dict.size(), 0);
    h[2] = append(dict.data(), dict.size() * 8);
    h[3] = append(start.data(), start.size() * 4);
    h[4] = at;
    std::vector<std::uint32_t> chunk;
    chunk.reserve(65536);
    std::uint64_t written = 0;
    for_each_slot_value(db, slot, last, [&](Xapian::docid d, std::uint64_t v) {
        const std::uint32_t o = ordinal[v];
        chunk.push_back(o);
        if (articles[d]) ++in_articles[o];
        if (chunk.size() == chunk.capacity()) {
            put(fd, chunk.data(), chunk.size() * 4, path);
            written += chunk.size();
            chunk.clear();
        }
    });
    put(fd, chunk.data(), chunk.size() * 4, path);
    written += chunk.size();
    // (the database is a snapshot: the second reading gives what the first did)
    if (written != count) throw IndexError("the index changed while its facet table was built");
    at += count * 4;
    pad();
    h[5] = append(in_articles.data(), in_articles.size() * 4);
    return h;
}

void put_u32(std::string& out, std::uint32_t v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_text(std::string& out, const std::string& s) {
    if (s.size() > UINT32_MAX) throw IndexError("a facet value's record is too long");
    put_u32(out, static_cast<std::uint32_t>(s.size()));
    out += s;
}

// A value's entry (see the layout above) for its record `rec` ("" when there is none).
void encode_record(std::string& out, const std::string& rec) {
    const std::optional<FacetValueInfo> v = rec.empty() ? std::nullopt : read_value_record(rec);
    if (!v) {
        out += '\0';
        return;
    }
    std::string body;
    body += static_cast<char>(v->facet);
    put_u32(body, static_cast<std::uint32_t>(v->depth));
    for (const std::string* t : {&v->value, &v->key, &v->path, &v->kind}) put_text(body, *t);
    out += '\1';
    put_u32(out, static_cast<std::uint32_t>(fnv1a64(body)));
    out += body;
}

// Reads a u32 length and that many bytes at `p` (moved past them), within `end`.
bool take_text(const unsigned char*& p, const unsigned char* end, std::string& out) {
    std::uint32_t n = 0;
    if (end - p < 4) return false;
    std::memcpy(&n, p, 4);
    p += 4;
    if (static_cast<std::size_t>(end - p) < n) return false;
    out.assign(reinterpret_cast<const char*>(p), n);
    p += n;
    return true;
}

// Appends the value records of `values` (ids, possibly repeated) and the speaker merge
// record, and fills their part of the header.  The records are read in key order, so the
// metadata's blocks are read once.
void append_records(const Xapian::Database& db, std::uint64_t revision,
                    std::vector<FacetId>& values, int fd, std::size_t& at, const std::string& path,
                    std::vector<unsigned char>& header) {
    std::sort(values.begin(), values.end());
    values.erase(std::unique(values.begin(), values.end()), values.end());
    static const unsigned char zeros[8] = {};
    auto append = [&](const void* data, std::size_t bytes) -> std::uint64_t {
        const std::uint64_t where = at;
        put(fd, data, bytes, path);
        at += bytes;
        const std::size_t to = align8(at);
        put(fd, zeros, to - at, path);
        at = to;
        return where;
    };
    std::vector<std::uint32_t> starts;
    starts.reserve(values.size() + 1);
    std::string blob;
    for (FacetId id : values) {
        if (blob.size() > UINT32_MAX) throw IndexError("too many facet values for the facet table");
        starts.push_back(static_cast<std::uint32_t>(blob.size()));
        std::string rec = db.get_metadata(facet_value_key(id));
        if (rec.empty()) rec = db.get_metadata(kGazetteerValueMeta + to_hex(id));
        encode_record(blob, rec);
    }
    if (blob.size() > UINT32_MAX) throw IndexError("too many facet values for the facet table");
    starts.push_back(static_cast<std::uint32_t>(blob.size()));
    const std::uint64_t ids_off = append(values.data(), values.size() * 8);
    const std::uint64_t starts_off = append(starts.data(), starts.size() * 4);
    const std::uint64_t blob_off = append(blob.data(), blob.size());
    // the merge, when its record describes this revision (else the searcher reads the
    // metadata, as without a table)
    std::string merge = db.get_metadata(kSpeakerMergeMeta);
    if (!SpeakerMerge::decode(merge, revision)) merge.clear();
    const std::uint64_t merge_off = append(merge.data(), merge.size());
    const std::uint64_t fields[] = {values.size(), ids_off,   starts_off,  blob_off,
                                    blob.size(),   merge_off, merge.size()};
    for (std::size_t k = 0; k < 7; ++k)
        put_at<std::uint64_t>(header, kRecordHeader + 8 * k, fields[k]);
}

}  // namespace

FacetTable::Record FacetTable::value_record(FacetId id, FacetValueInfo& out) const {
    const std::uint64_t* end = name_ids_ + names_;
    const std::uint64_t* it = std::lower_bound(name_ids_, end, id);
    if (it == end || *it != id) return Record::Unknown;
    const std::size_t i = static_cast<std::size_t>(it - name_ids_);
    const std::uint32_t from = name_starts_[i], to = name_starts_[i + 1];
    if (from >= to || to > name_blob_size_) return Record::Unknown;
    const unsigned char* p = name_blob_ + from;
    const unsigned char* e = name_blob_ + to;
    if (*p == 0) return to - from == 1 ? Record::None : Record::Unknown;
    if (*p != 1 || e - p < 10) return Record::Unknown;
    std::uint32_t sum = 0, depth = 0;
    std::memcpy(&sum, p + 1, 4);
    p += 5;
    const std::string_view body(reinterpret_cast<const char*>(p), static_cast<std::size_t>(e - p));
    if (static_cast<std::uint32_t>(fnv1a64(body)) != sum ||
        p[0] > static_cast<unsigned char>(Facet::Group))
        return Record::Unknown;
    FacetValueInfo v;
    v.facet = static_cast<Facet>(p[0]);
    std::memcpy(&depth, p + 1, 4);
    if (depth > static_cast<std::uint32_t>(INT32_MAX)) return Record::Unknown;
    v.depth = static_cast<int>(depth);
    p += 5;
    if (!take_text(p, e, v.value) || !take_text(p, e, v.key) || !take_text(p, e, v.path) ||
        !take_text(p, e, v.kind) || p != e)
        return Record::Unknown;
    // (a damaged entry or one of another value is left to the metadata)
    if (facet_id(v.facet, v.key) != id) return Record::Unknown;
    out = std::move(v);
    return Record::Found;
}

FacetTable::~FacetTable() {
    if (map_) munmap(map_, map_size_);
}

bool FacetTable::describes(const Xapian::Database& db) const {
    try {
        return db.get_revision() == revision_ && db.get_lastdocid() == last_docid_ &&
               db.get_uuid() == uuid_;
    } catch (const Xapian::Error&) {
        return false;  // several parts, or a remote database: no revision to compare
    }
}

std::shared_ptr<const FacetTable> FacetTable::load(const std::string& dir,
                                                   const Xapian::Database& db) {
    const std::string path = dir + "/" + kFacetTableFile;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    if (fstat(fd, &st) != 0 || st.st_size < static_cast<off_t>(kOldDataStart)) {
        ::close(fd);
        return nullptr;
    }
    const auto size = static_cast<std::size_t>(st.st_size);
    void* map = mmap(nullptr, size, PROT_READ, MAP_SHARED, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED) return nullptr;
    std::shared_ptr<FacetTable> t(new FacetTable);
    t->map_ = map;
    t->map_size_ = size;
    const auto* base = static_cast<const unsigned char*>(map);
    const std::uint32_t format = read_at<std::uint32_t>(base, 8);
    const std::size_t data_start = format == kFormat ? kDataStart : kOldDataStart;
    if (std::memcmp(base, kMagic, sizeof kMagic) != 0 ||
        (format != kFormat && format != kOldFormat) ||
        read_at<std::uint32_t>(base, 12) != kByteOrder ||
        read_at<std::uint64_t>(base, 32) != size || size < data_start)
        return nullptr;
    t->revision_ = read_at<std::uint64_t>(base, 16);
    const std::uint64_t last = read_at<std::uint64_t>(base, 24);
    if (last > UINT32_MAX - 2) return nullptr;
    t->last_docid_ = static_cast<Xapian::docid>(last);
    const char* uuid = reinterpret_cast<const char*>(base + 40);
    t->uuid_.assign(uuid, strnlen(uuid, kUuidBytes));
    if (!t->describes(db)) return nullptr;
    // Every array must lie inside the file; the values inside are checked where used.
    auto inside = [&](std::uint64_t off, std::uint64_t count, std::uint64_t width) {
        return off % 8 == 0 && off >= data_start && off <= size && count <= (size - off) / width;
    };
    for (std::size_t c = 0; c < kColumns; ++c) {
        const std::size_t h = kColumnHeader + c * kColumnEntry;
        Column& col = t->columns_[c];
        col.dict_size = read_at<std::uint64_t>(base, h);
        col.ords_size = read_at<std::uint64_t>(base, h + 8);
        const auto dict_off = read_at<std::uint64_t>(base, h + 16);
        const auto start_off = read_at<std::uint64_t>(base, h + 24);
        const auto ords_off = read_at<std::uint64_t>(base, h + 32);
        const auto articles_off = read_at<std::uint64_t>(base, h + 40);
        if (!inside(dict_off, col.dict_size, 8) || !inside(start_off, last + 2, 4) ||
            !inside(ords_off, col.ords_size, 4) || col.ords_size > UINT32_MAX ||
            !inside(articles_off, col.dict_size, 4))
            return nullptr;
        col.articles = reinterpret_cast<const std::uint32_t*>(base + articles_off);
        col.dict = reinterpret_cast<const std::uint64_t*>(base + dict_off);
        col.start = reinterpret_cast<const std::uint32_t*>(base + start_off);
        col.ords = reinterpret_cast<const std::uint32_t*>(base + ords_off);
    }
    if (format == kOldFormat) {
        t->old_format_ = true;
        return t;
    }
    const std::uint64_t names = read_at<std::uint64_t>(base, kRecordHeader);
    const auto ids_off = read_at<std::uint64_t>(base, kRecordHeader + 8);
    const auto starts_off = read_at<std::uint64_t>(base, kRecordHeader + 16);
    const auto blob_off = read_at<std::uint64_t>(base, kRecordHeader + 24);
    const auto blob_size = read_at<std::uint64_t>(base, kRecordHeader + 32);
    const auto merge_off = read_at<std::uint64_t>(base, kRecordHeader + 40);
    const auto merge_size = read_at<std::uint64_t>(base, kRecordHeader + 48);
    if (names > UINT32_MAX || !inside(ids_off, names, 8) || !inside(starts_off, names + 1, 4) ||
        !inside(blob_off, blob_size, 1) || blob_size > UINT32_MAX ||
        !inside(merge_off, merge_size, 1))
        return nullptr;
    t->names_ = names;
    t->name_ids_ = reinterpret_cast<const std::uint64_t*>(base + ids_off);
    t->name_starts_ = reinterpret_cast<const std::uint32_t*>(base + starts_off);
    t->name_blob_ = base + blob_off;
    t->name_blob_size_ = blob_size;
    t->merge_ = std::string_view(reinterpret_cast<const char*>(base + merge_off), merge_size);
    return t;
}

void write_facet_table(const Xapian::Database& db, const std::string& dir) {
    const std::string path = dir + "/" + kFacetTableFile;
    const std::string tmp = path + ".tmp." + std::to_string(getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) throw IndexError("cannot write '" + tmp + "': " + std::strerror(errno));
    try {
        std::string uuid;
        Xapian::docid last = 0;
        std::uint64_t revision = 0;
        std::vector<unsigned char> header(kDataStart, 0);
        std::size_t at = kDataStart;
        put(fd, header.data(), header.size(), tmp);
        try {
            uuid = db.get_uuid();
            last = db.get_lastdocid();
            revision = db.get_revision();
            std::vector<bool> articles(static_cast<std::size_t>(last) + 1, false);
            for (auto p = db.postlist_begin(kArticleTerm); p != db.postlist_end(kArticleTerm); ++p)
                if (*p <= last) articles[*p] = true;
            std::vector<FacetId> values;
            for (std::size_t c = 0; c < FacetTable::kColumns; ++c) {
                const auto h =
                    append_column(db, static_cast<Slot>(c), last, articles, fd, at, tmp, values);
                for (std::size_t k = 0; k < h.size(); ++k)
                    put_at<std::uint64_t>(header, kColumnHeader + c * kColumnEntry + 8 * k, h[k]);
            }
            append_records(db, revision, values, fd, at, tmp, header);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot read '" + dir +
                             "' for its facet table: " + e.get_description());
        }
        if (uuid.size() >= kUuidBytes) uuid.resize(kUuidBytes - 1);
        std::memcpy(header.data(), kMagic, sizeof kMagic);
        put_at<std::uint32_t>(header, 8, kFormat);
        put_at<std::uint32_t>(header, 12, kByteOrder);
        put_at<std::uint64_t>(header, 16, revision);
        put_at<std::uint64_t>(header, 24, last);
        put_at<std::uint64_t>(header, 32, at);
        std::memcpy(header.data() + 40, uuid.data(), uuid.size());
        if (::pwrite(fd, header.data(), header.size(), 0) != static_cast<ssize_t>(header.size()))
            throw IndexError("cannot write '" + tmp + "': " + std::strerror(errno));
        // Durable before it replaces the old table: a crash leaves one or the other.
        if (::fsync(fd) != 0)
            throw IndexError("cannot write '" + tmp + "': " + std::strerror(errno));
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    if (::close(fd) != 0 || ::rename(tmp.c_str(), path.c_str()) != 0) {
        const int err = errno;
        ::unlink(tmp.c_str());
        throw IndexError("cannot write '" + path + "': " + std::strerror(err));
    }
}

}  // namespace ndx
