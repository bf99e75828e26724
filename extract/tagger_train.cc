// Training the tagger: CoNLL files and the averaged perceptron (see tagger.h).
#include <array>
#include <fstream>
#include <unordered_map>

#include "common/error.h"
#include "extract/tagger.h"

namespace ndx {

std::vector<TrainSentence> read_conll(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw InputError(path + ": cannot read the training file");
    std::vector<TrainSentence> out;
    TrainSentence cur;
    std::vector<std::string> raw;  // tags as written
    auto flush = [&]() {
        if (cur.words.empty()) return;
        // IOB1 (an I- tag opens a name unless it continues one of its type), IOB2 and
        // BIOES all become BIO.
        int prev = 0;
        for (std::size_t i = 0; i < raw.size(); ++i) {
            const std::string& r = raw[i];
            int tag = 0;
            if (r != "O") {
                std::string type = r.substr(2);
                char p = r[0];
                int b = tag_from_name("B-" + type), in_tag = tag_from_name("I-" + type);
                if (p == 'B' || p == 'S')
                    tag = b;
                else
                    tag = prev > 0 && tag_type(prev) == tag_type(b) ? in_tag : b;
            }
            cur.tags.push_back(tag);
            prev = tag;
        }
        out.push_back(std::move(cur));
        cur = {};
        raw.clear();
    };
    std::string line;
    std::size_t line_no = 0;
    while (std::getline(in, line)) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos) {
            flush();
            continue;
        }
        if (line.rfind("-DOCSTART-", 0) == 0) {
            flush();
            continue;
        }
        std::size_t first_end = line.find_first_of(" \t");
        std::size_t last_start = line.find_last_of(" \t");
        if (first_end == std::string::npos)
            throw InputError(path + ":" + std::to_string(line_no) +
                             ": expected a word and its tag separated by a space");
        std::string word = line.substr(0, first_end), tag = line.substr(last_start + 1);
        bool ok = tag == "O";
        if (!ok && tag.size() > 2 && tag[1] == '-' &&
            (tag[0] == 'B' || tag[0] == 'I' || tag[0] == 'E' || tag[0] == 'S'))
            ok = tag_from_name("B-" + tag.substr(2)) >= 0;
        if (!ok)
            throw InputError(path + ":" + std::to_string(line_no) + ": tag \"" + tag +
                             "\" is not O or [BIES]-PER/ORG/LOC/MISC");
        if (tag[0] == 'E') tag[0] = 'I';
        cur.words.push_back(word);
        raw.push_back(tag);
    }
    flush();
    if (out.empty()) throw InputError(path + ": no sentences");
    return out;
}

namespace {

// Weights being trained, with the running sums of the averaged perceptron.
class Weights {
  public:
    int index(std::uint64_t key) const {
        auto it = index_.find(key);
        return it == index_.end() ? -1 : it->second;
    }
    int add(std::uint64_t key) {
        auto [it, fresh] = index_.try_emplace(key, static_cast<int>(keys_.size()));
        if (fresh) {
            keys_.push_back(key);
            w_.resize(w_.size() + kTagCount, 0);
            sum_.resize(sum_.size() + kTagCount, 0);
            stamp_.resize(stamp_.size() + kTagCount, 0);
        }
        return it->second;
    }
    const float* row(int f) const { return &w_[static_cast<std::size_t>(f) * kTagCount]; }
    void update(int f, int tag, float delta, std::uint64_t step) {
        std::size_t i = static_cast<std::size_t>(f) * kTagCount + static_cast<std::size_t>(tag);
        sum_[i] += static_cast<double>(step - stamp_[i]) * w_[i];
        stamp_[i] = step;
        w_[i] += delta;
    }
    TrainedWeights averaged(std::uint64_t step) const {
        TrainedWeights out;
        out.keys = keys_;
        out.weights.resize(w_.size());
        for (std::size_t i = 0; i < w_.size(); ++i)
            out.weights[i] =
                static_cast<float>((sum_[i] + static_cast<double>(step - stamp_[i]) * w_[i]) /
                                   static_cast<double>(step));
        return out;
    }

  private:
    std::unordered_map<std::uint64_t, int> index_;
    std::vector<std::uint64_t> keys_;
    std::vector<float> w_;
    std::vector<double> sum_;
    std::vector<std::uint64_t> stamp_;
};

}  // namespace

TrainedWeights train_tagger(const std::vector<TrainSentence>& data,
                            const std::vector<std::vector<std::uint8_t>>& flags,
                            const TrainOptions& opts, void (*progress)(int, double)) {
    Weights w;
    std::vector<std::size_t> order(data.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::mt19937 rng(opts.seed);  // its sequence is fixed by the standard
    std::uint64_t step = 1;
    std::vector<std::uint64_t> feats, hist;
    std::vector<std::size_t> starts;
    std::vector<WordScores> scores;
    auto add_row = [&](std::uint64_t key, float* score) {
        const int id = w.index(key);
        if (id < 0) return;
        const float* r = w.row(id);
        for (std::size_t t = 0; t < kTagCount; ++t) score[t] += r[t];
    };
    // the features of word i with tag `tag` after `prev` gain `delta`
    auto update = [&](const TagSentence& s, std::size_t i, int prev, int tag, float delta,
                      bool with_static) {
        if (with_static)
            for (std::size_t k = starts[i]; k < starts[i + 1]; ++k)
                w.update(w.add(feats[k]), tag, delta, step);
        hist.clear();
        history_features(s, i, prev, hist);
        for (std::uint64_t f : hist) w.update(w.add(f), tag, delta, step);
    };
    for (int it = 1; it <= opts.iterations; ++it) {
        // Fisher-Yates with the generator's raw output: the same order on every platform
        for (std::size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
        std::size_t right = 0, total = 0;
        for (std::size_t si : order) {
            const TrainSentence& ts = data[si];
            TagSentence s;
            for (const std::string& word : ts.words) s.words.emplace_back(word);
            s.flags = flags[si];
            prepare(s);
            const std::size_t n = s.words.size();
            feats.clear();
            starts.assign(1, 0);
            scores.assign(n, WordScores{});
            for (std::size_t i = 0; i < n; ++i) {
                static_features(s, i, feats);
                starts.push_back(feats.size());
                float emit[kTagCount] = {};
                for (std::size_t k = starts[i]; k < starts[i + 1]; ++k) add_row(feats[k], emit);
                for (int p = i == 0 ? -1 : 0; p < (i == 0 ? 0 : kTagCount); ++p) {
                    float* row = scores[i].after[p + 1];
                    for (int t = 0; t < kTagCount; ++t) row[t] = emit[t];
                    hist.clear();
                    history_features(s, i, p, hist);
                    for (std::uint64_t f : hist) add_row(f, row);
                }
            }
            const std::vector<int> pred = viterbi(scores);
            for (std::size_t i = 0; i < n; ++i) {
                const int gold = ts.tags[i], got = pred[i];
                const int gold_prev = i ? ts.tags[i - 1] : -1, got_prev = i ? pred[i - 1] : -1;
                right += gold == got ? 1 : 0;
                ++total;
                if (gold == got && gold_prev == got_prev) continue;
                update(s, i, gold_prev, gold, 1, gold != got);
                update(s, i, got_prev, got, -1, gold != got);
            }
            ++step;
        }
        if (progress)
            progress(it, total ? static_cast<double>(right) / static_cast<double>(total) : 0);
    }
    return w.averaged(step);
}

}  // namespace ndx
