// Writing articles into one database or a shard set: see index_writer.h.
#include "common/index_writer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "common/database.h"
#include "common/error.h"
#include "common/facet_ids.h"
#include "common/facet_names.h"
#include "common/facet_table.h"
#include "common/normalize.h"
#include "common/schema.h"
#include "common/speaker_merge.h"

namespace ndx {
namespace fs = std::filesystem;

namespace {

std::string shard_name(std::size_t i) { return "shard-" + std::to_string(i); }

// A new index is made beside its path (`PATH.ndx-new`) and renamed into place once Xapian
// has written it, so that a kill while Xapian creates its files leaves no directory at
// `path` that is not an index (the next run would refuse it as a directory of other files).
void create_index_dir(const std::string& path) {
    const std::string made = path + ".ndx-new";
    std::error_code ec;
    try {
        Xapian::WritableDatabase(made, Xapian::DB_CREATE_OR_OPEN).close();
    } catch (const Xapian::DatabaseLockError&) {
        throw;                        // another indexer is making it
    } catch (const Xapian::Error&) {  // what a killed creation left
        fs::remove_all(made, ec);
        Xapian::WritableDatabase(made, Xapian::DB_CREATE).close();
    }
    fs::rename(made, path, ec);
    if (ec) fs::remove_all(made, ec);  // `path` was made meanwhile: that one is opened
}

}  // namespace

void remove_index_dir(const std::string& path) {
    const std::string aside = path + ".ndx-old";
    std::error_code ec;
    fs::remove_all(aside, ec);  // (left by a removal that was cut short)
    fs::rename(path, aside, ec);
    fs::remove_all(ec ? path : aside, ec);
}

std::string file_term(std::uint64_t path_hash) { return kFilePrefix + to_hex(path_hash); }

std::string file_term(const std::string& abs_path) { return file_term(fnv1a64(abs_path)); }

IndexWriter::Shard IndexWriter::open_shard(const std::string& path,
                                           std::optional<Stemming> stemming, bool scratch) {
    std::error_code ec;
    fs::create_directories(fs::path(path).parent_path(), ec);
    Shard s;
    s.path = path;
    try {
        if (!scratch && !fs::exists(path, ec)) create_index_dir(path);
        s.db = Xapian::WritableDatabase(
            path, Xapian::DB_CREATE_OR_OPEN | (scratch ? Xapian::DB_NO_SYNC : 0));
    } catch (const Xapian::DatabaseLockError&) {
        throw IndexError("'" + path + "' is locked by another indexer; wait for it to finish");
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot open index '" + path + "' for writing: " + e.get_description());
    }
    check_schema(s.db, path);
    // (set only when missing: a run that changes nothing leaves the revision as it was)
    if (s.db.get_metadata(kSchemaKey).empty())
        s.db.set_metadata(kSchemaKey, std::to_string(kSchemaVersion));
    s.fresh = s.db.get_doccount() == 0;
    if (!s.fresh && stemming && *stemming != stemming_of(s.db)) {
        throw IndexError("'" + path + "' is indexed with --stemming " +
                         std::string(stemming_name(stemming_of(s.db))) +
                         "; re-index into a new directory to change it");
    }
    s.max_values = parse_max_values(s.db.get_metadata(kMaxValuesMeta));
    s.had_facet_meta = false;
    for (const char* prefix : {kFacetValueMeta, kFacetAliasMeta})
        s.had_facet_meta =
            s.had_facet_meta || s.db.metadata_keys_begin(prefix) != s.db.metadata_keys_end(prefix);
    return s;
}

IndexWriter::IndexWriter(const std::string& path, std::size_t shards,
                         std::optional<Stemming> stemming)
    : IndexWriter(path, shards, stemming, false) {}

IndexWriter::~IndexWriter() {
    for (Shard& s : shards_) {
        try {
            flush_facet_meta(s);
        } catch (const Xapian::Error&) {  // (a database that fails here fails its commit too)
        }
    }
}

IndexWriter IndexWriter::build_parts(const std::string& path, std::size_t parts,
                                     std::optional<Stemming> stemming) {
    return IndexWriter(path, std::max<std::size_t>(parts, 1), stemming, true);
}

std::size_t IndexWriter::existing_parts(const std::string& path) {
    std::ifstream in(fs::path(path) / kShardStub);
    std::size_t n = 0;
    for (std::string line; std::getline(in, line);)
        if (line.rfind("auto ", 0) == 0) ++n;
    return n / 2;  // as many parts for the statements
}

IndexWriter::IndexWriter(const std::string& path, std::size_t shards,
                         std::optional<Stemming> stemming, bool parts)
    : path_(path), parts_(parts) {
    if (parts) shards *= 2;  // then as many for their statements
    const fs::path stub = fs::path(path) / kShardStub;
    std::error_code ec;
    std::size_t existing = 0;
    if (fs::exists(stub, ec)) {
        std::ifstream in(stub);
        for (std::string line; std::getline(in, line);)
            if (line.rfind("auto ", 0) == 0) ++existing;
    } else if (shards > 1 && fs::exists(fs::path(path) / "iamglass", ec)) {
        throw IndexError("'" + path + "' is a single index; --shards needs a new directory");
    }
    if (existing && shards && shards != existing)
        throw IndexError("'" + path + "' holds " + std::to_string(existing) + " shards, not " +
                         std::to_string(shards) + "; re-index into a new directory to change it");
    const std::size_t n = existing ? existing : std::max<std::size_t>(shards, 1);
    article_shards_ = parts ? n / 2 : n;
    for (std::size_t i = 0; i < n; ++i)
        shards_.push_back(
            open_shard(n == 1 ? path : (fs::path(path) / shard_name(i)).string(), stemming, parts));
    // The stemming of the shards with articles (open_shard() refused another one asked
    // for), else the one asked for; an empty shard is given it.
    stemming_ = stemming.value_or(Stemming::All);
    for (const Shard& s : shards_)
        if (!s.fresh) {
            stemming_ = stemming_of(s.db);
            break;
        }
    const std::string name(stemming_name(stemming_));
    for (Shard& s : shards_)
        if (s.fresh && s.db.get_metadata(kStemmingKey) != name)
            s.db.set_metadata(kStemmingKey, name);
    if (n > 1 && !existing) {
        // The stub lets Xapian (and ndx-search --db DIR) open the set as one database.
        std::ofstream out(stub);
        for (std::size_t i = 0; i < n; ++i) out << "auto " << shard_name(i) << "\n";
        if (!out) throw IndexError("cannot write '" + stub.string() + "'");
    }
}

void IndexWriter::write_facet_tables() {
    for (Shard& s : shards_) {
        // the merge of its speaker values first: its commit is the table's revision
        try {
            store_speaker_merge(s.db);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot commit '" + s.path + "': " + e.get_description());
        }
        if (auto t = FacetTable::load(s.path, s.db); !t || t->old_format())
            write_facet_table(s.db, s.path);
    }
}

Xapian::doccount IndexWriter::doc_count() const {
    Xapian::doccount n = 0;
    for (const Shard& s : shards_) n += s.db.get_termfreq(kArticleTerm);
    return n;
}

namespace {

// Deletes the statement documents of an article.
void remove_statements(Xapian::WritableDatabase& db, const std::string& article_id) {
    const std::string parent = parent_term(article_id);
    if (db.term_exists(parent)) db.delete_document(parent);
}

// The article id of a document, from its Q term.
std::string article_id_of(Xapian::WritableDatabase& db, Xapian::docid did) {
    auto t = db.termlist_begin(did);
    t.skip_to(kIdPrefix);
    if (t == db.termlist_end(did) || (*t).rfind(kIdPrefix, 0) != 0) return {};
    return (*t).substr(std::char_traits<char>::length(kIdPrefix));
}

}  // namespace

namespace {

// The file terms (kFilePrefix) of a document.
std::vector<std::string> file_terms_of(const Xapian::Document& doc) {
    std::vector<std::string> out;
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        t.skip_to(kFilePrefix);
        if (t == doc.termlist_end() || (*t).rfind(kFilePrefix, 0) != 0) break;
        out.push_back(*t);
    }
    return out;
}

}  // namespace

IndexWriter::AddResult IndexWriter::add(const Article& article, const Facets& facets,
                                        const Xapian::Document& doc,
                                        const std::vector<Xapian::Document>& statements) {
    const std::string term = id_term(article.id);
    const std::size_t k = shard_for(article.id);
    Shard& s = shards_[k];
    try {
        // A shard that was empty when opened holds only this run's articles: an id not
        // seen yet in this run is new, and is added without looking it up.
        const bool in_run = !s.run_ids.insert(fnv1a64(article.id));
        const bool existed = (!s.fresh || in_run) && s.db.term_exists(term);
        Shard& sp = statement_part(k);  // where its statements are
        Xapian::docid did;
        Added kind = Added::New;
        if (existed) {
            did = *s.db.postlist_begin(term);
            const Xapian::Document old = s.db.get_document(did);
            const std::vector<std::string> old_files = file_terms_of(old);
            const std::vector<std::string> new_files = file_terms_of(doc);
            auto has = [](const std::vector<std::string>& v, const std::string& t) {
                return std::find(v.begin(), v.end(), t) != v.end();
            };
            if (!in_run && old.get_data() == doc.get_data() &&
                std::all_of(new_files.begin(), new_files.end(),
                            [&](const std::string& t) { return has(old_files, t); }))
                return {{k, did}, Added::Unchanged};
            // the other files holding this id keep it in the index while they exist
            Xapian::Document replacement = doc;
            for (const std::string& t : old_files)
                if (!has(new_files, t)) replacement.add_boolean_term(t);
            remove_statements(sp.db, article.id);
            for (std::size_t n = 0; n < statements.size(); ++n)
                sp.db.replace_document(id_term(statement_id(article.id, n)), statements[n]);
            s.db.replace_document(did, replacement);
            kind = in_run ? Added::Duplicate : Added::Updated;
        } else {
            // A resumed build: statements committed before the kill, their article not.
            if (&sp != &s && !sp.fresh) remove_statements(sp.db, article.id);
            Xapian::WritableDatabase& to = sp.db;
            for (const Xapian::Document& st : statements) to.add_document(st);
            did = s.db.add_document(doc);
        }
        record_facet_names(s, facets);
        record_max_values(s, doc);
        record_spelling(s, article, facets);
        return {{k, did}, kind};
    } catch (const Xapian::Error& e) {
        throw IndexError("cannot write '" + article.id + "' to '" + s.path +
                         "': " + e.get_description());
    }
}

std::size_t IndexWriter::remove_file_articles(const std::string& abs_path,
                                              const std::set<ArticleRef>& keep) {
    const std::string term = file_term(abs_path);
    std::size_t removed = 0;
    for (std::size_t k = 0; k < shards_.size(); ++k) {
        Shard& s = shards_[k];
        std::vector<Xapian::docid> gone;
        try {
            for (auto p = s.db.postlist_begin(term); p != s.db.postlist_end(term); ++p)
                if (!keep.count({k, *p})) gone.push_back(*p);
            for (Xapian::docid d : gone) {
                Xapian::Document doc = s.db.get_document(d);
                if (file_terms_of(doc).size() > 1) {  // another file holds it too
                    doc.remove_term(term);
                    s.db.replace_document(d, doc);
                    continue;
                }
                const std::string id = article_id_of(s.db, d);
                if (!id.empty()) remove_statements(s.db, id);
                s.db.delete_document(d);
                ++removed;
            }
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot remove articles of '" + abs_path + "' from '" + s.path +
                             "': " + e.get_description());
        }
    }
    return removed;
}

std::size_t IndexWriter::shard_for(const std::string& id) const {
    return article_shards_ == 1 ? 0 : fnv1a64(id) % article_shards_;
}

IndexWriter::Shard& IndexWriter::statement_part(std::size_t k) {
    return shards_.size() > article_shards_ ? shards_[k + article_shards_] : shards_[k];
}

void IndexWriter::commit(bool last) {
    for (std::size_t k = 0; k < article_shards_; ++k) commit_shard(k, last);
}

void IndexWriter::forget_known_values(Shard& s) const {
    const std::size_t held = s.known_values.size() + s.known_alias_names.size() +
                             s.known_aliases.size() + s.written_value_ids.size();
    if (held <= known_values_limit_) return;
    // swapped with empty sets: clear() keeps an unordered_set's buckets
    decltype(s.known_values)().swap(s.known_values);
    decltype(s.known_alias_names)().swap(s.known_alias_names);
    decltype(s.known_aliases)().swap(s.known_aliases);
    decltype(s.written_value_ids)().swap(s.written_value_ids);
    s.had_facet_meta = true;
}

void IndexWriter::commit_shard(std::size_t k, bool last) {
    // The statements first: an article part's commit (with its file records) then never
    // names articles whose statements were not committed.
    Shard* parts[] = {&statement_part(k), &shards_[k]};
    const std::size_t n = parts[1] == parts[0] ? 1 : 2;  // statements apart, or not
    for (std::size_t i = 0; i < n; ++i) {
        Shard& s = *parts[i];
        try {
            const std::string mv = max_values_value(s.max_values);
            if (s.db.get_metadata(kMaxValuesMeta) != mv) s.db.set_metadata(kMaxValuesMeta, mv);
            flush_facet_meta(s);
            // its articles' statements and facet records are committed: the spelling
            // words may be committed in chunks
            if (last || s.spelling.words() >= kSpellingBatch)
                s.spelling.flush(s.db, [&s] { s.db.commit(); });
            s.db.commit();
            forget_known_values(s);
        } catch (const Xapian::Error& e) {
            throw IndexError("cannot commit '" + s.path + "': " + e.get_description());
        }
    }
}

}  // namespace ndx
