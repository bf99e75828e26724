// The threads of an ndx-index run (index_run.h): the extraction workers, the writer that
// applies their documents in input order, and the part writers of a parallel first build.
#include <algorithm>
#include <variant>

#include "common/document.h"
#include "extract/gazetteer.h"
#include "indexer/index_run.h"
#include "indexer/index_steps.h"

namespace ndx {
namespace {

void count_added(IndexSummary& sum, IndexWriter::Added kind) {
    switch (kind) {
        case IndexWriter::Added::New:
            ++sum.indexed;
            break;
        case IndexWriter::Added::Updated:
            ++sum.replaced;
            break;
        case IndexWriter::Added::Unchanged:
            ++sum.same;
            break;
        case IndexWriter::Added::Duplicate:
            ++sum.duplicates;
            break;
    }
}

}  // namespace

// Workers: extract and build documents (or dump records).
void IndexRun::start_workers(const Extractor& extractor) {
    for (std::size_t w = 0; w < workers_; ++w) {
        pool_.emplace_back([this, &extractor] {
            DocumentBuilder builder(writer_ ? writer_->stemming() : Stemming::All);
            while (auto next = queue_.pop()) {
                auto& [seq, item] = *next;
                if (auto* a = std::get_if<ArticleItem>(&item)) {
                    a->facets = extractor.extract(a->article);
                    if (a->article.source.empty()) a->article.source = a->facets.source;
                    if (opts_.dump) {
                        a->dump = dump_record(a->article, a->facets).dump();
                    } else {
                        a->doc = std::make_unique<Xapian::Document>(
                            builder.build(a->article, a->facets, file_term(path_hashes_[a->file])));
                        a->statements = std::make_unique<std::vector<Xapian::Document>>();
                        for (std::size_t n = 0; n < a->facets.statements.size(); ++n)
                            a->statements->push_back(
                                builder.build_statement(a->article, a->facets, n));
                    }
                }
                reorder_.put(seq, std::move(item));
            }
        });
    }
}

// Parallel build: one writer thread per part, fed in input order by the dispatcher.
void IndexRun::start_part_writers() {
    part_sums_.resize(parallel_build_ ? writer_->shard_count() : 0);
    for (std::size_t k = 0; k < part_sums_.size(); ++k) {
        part_queues_.push_back(std::make_unique<Queue>(256));
        part_threads_.emplace_back([this, k] { part_writer_loop(k); });
    }
}

void IndexRun::keep_part_error() {
    std::lock_guard lock(part_error_mutex_);
    if (!part_error_) part_error_ = std::current_exception();
}

// A part is temporary (a crash discards it), so its commits only bound memory, and their
// size is chosen for speed: while a part is small, small commits are cheaper (Xapian
// buffers less); once its tables are large, every commit costs more and fewer, larger ones
// win.  So a part commits every tenth of what it holds, from 500 articles (or --batch, if
// smaller) up to --batch.  Measured on Reuters-21578: at 1x, 500 per commit against 2000
// took 7 % less CPU and 155 MB instead of 230 MB; at 16x, 2000 took 219 s and 500 took
// 258 s.
void IndexRun::part_writer_loop(std::size_t k) {
    const std::size_t part_batch_min = std::min<std::size_t>(opts_.batch_size, 500);
    auto part_batch = [&](std::size_t held) {
        return std::clamp<std::size_t>(held / 10, part_batch_min, opts_.batch_size);
    };
    std::size_t since_commit = 0, held = 0;
    if (k == 0 && gazetteer_to_record_) {
        try {
            writer_->record_gazetteer(gazetteer_metadata(*gazetteer_to_record_));
        } catch (...) {
            keep_part_error();
        }
    }
    while (auto next = part_queues_[k]->pop()) {
        try {
            if (auto* a = std::get_if<ArticleItem>(&next->second)) {
                count_added(part_sums_[k],
                            writer_->add(a->article, a->facets, *a->doc, *a->statements).kind);
                ++held;
                if (++since_commit >= part_batch(held)) {
                    writer_->commit_shard(k);
                    since_commit = 0;
                }
            } else if (auto* words = std::get_if<SpellingBatch>(&next->second)) {
                writer_->add_spelling(k, *words->words);
            } else {
                // (every part receives every file's end, after its articles)
                const FileEnd& end = std::get<FileEnd>(next->second);
                writer_->set_part_file_record(k, abs_path(end.file), end.record);
            }
        } catch (...) {
            keep_part_error();
        }
    }
    try {
        writer_->commit_shard(k, true);
    } catch (...) {
        keep_part_error();
    }
}

// Writer: applies results in input order; commits every batch_size articles.
void IndexRun::start_writer() {
    writer_thread_ = std::thread([this] { writer_loop(); });
}

// A parallel build's spelling words are counted here, in input order, and handed to the
// parts as one writer would add them to its index: at a commit (every --batch articles)
// once kSpellingBatch distinct words are counted, and at the end.  Every part gets the
// same words and adds its share of them (SpellingCounter::flush_share()): each word
// enters one part's spelling table, not every part's (Xapian builds the fragments of
// every new word of a table, and the compactor merges them again), and the parts write
// the table together, where the first part alone was still writing it while the other
// waited for the merge.
// `a`: the article dispatched as the `dispatched`-th; null at the end.
void IndexRun::count_part_spelling(const ArticleItem* a, std::size_t dispatched) {
    if (!part_spelling_) part_spelling_ = std::make_shared<SpellingCounter>();
    if (a) IndexWriter::count_spelling(*part_spelling_, a->article, a->facets);
    const bool due = !a || (dispatched % std::max<std::size_t>(opts_.batch_size, 1) == 0 &&
                            part_spelling_->words() >= kSpellingBatch);
    if (!due || part_spelling_->words() == 0) return;
    const std::shared_ptr<const SpellingCounter> words = std::move(part_spelling_);
    part_spelling_.reset();
    for (auto& q : part_queues_) q->push({0, SpellingBatch{words}});
}

void IndexRun::writer_loop() {
    try {
        std::size_t since_commit = 0, dispatched = 0;
        std::set<ArticleRef> written;  // where the current file's articles went
        while (auto item = reorder_.take(&total_items_, &done_reading_)) {
            if (parallel_build_) {
                if (auto* a = std::get_if<ArticleItem>(&*item)) {
                    count_part_spelling(a, dispatched + 1);
                    part_queues_[writer_->shard_for(a->article.id)]->push({0, std::move(*item)});
                    show(++dispatched);
                } else {
                    for (auto& q : part_queues_) q->push({0, std::get<FileEnd>(*item)});
                }
            } else if (auto* a = std::get_if<ArticleItem>(&*item)) {
                write_article(*a, written, since_commit);
            } else {
                end_file(std::get<FileEnd>(*item), written);
            }
        }
        if (parallel_build_) count_part_spelling(nullptr, dispatched);
        show(parallel_build_ ? dispatched : articles_written(), true);
        if (writer_ && !parallel_build_) writer_->commit(true);
        progress_->done();
    } catch (...) {
        writer_error_ = std::current_exception();
        // keep the pipeline draining so the reader and workers can finish
        while (reorder_.take(&total_items_, &done_reading_)) {
        }
    }
}

void IndexRun::write_article(ArticleItem& a, std::set<ArticleRef>& written,
                             std::size_t& since_commit) {
    if (opts_.dump) {
        out_ << a.dump << "\n";
        ++sum_.indexed;
        return;
    }
    const IndexWriter::AddResult added = writer_->add(a.article, a.facets, *a.doc, *a.statements);
    a.doc.reset();
    a.statements.reset();
    written.insert(added.where);
    count_added(sum_, added.kind);
    show(articles_written());
    if (++since_commit >= opts_.batch_size) {
        writer_->commit();
        since_commit = 0;
    }
}

void IndexRun::end_file(const FileEnd& end, std::set<ArticleRef>& written) {
    if (writer_) {
        const std::string path = abs_path(end.file);
        // Records gone from a changed file; a file with errors keeps its old articles
        // (nothing lost) and is read again next run.
        if (!end.had_issues && !end.record.failed && !end.same_content)
            sum_.removed += writer_->remove_file_articles(path, written);
        writer_->set_file_record(path, end.record);
    }
    written.clear();
}

}  // namespace ndx
