// ndx-train-tagger: trains the named-entity tagger's model from a CoNLL-format file.
#include <boost/program_options.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <tuple>

#include "common/error.h"
#include "common/normalize.h"
#include "extract/gazetteer.h"
#include "extract/tagger.h"

namespace po = boost::program_options;
using namespace ndx;

namespace {

std::vector<std::vector<std::uint8_t>> all_flags(const Gazetteer& gaz,
                                                 const std::vector<TrainSentence>& data) {
    std::vector<std::vector<std::uint8_t>> out;
    out.reserve(data.size());
    for (const TrainSentence& s : data) {
        std::vector<std::string> keys;
        std::vector<std::string_view> words;
        for (const std::string& w : s.words) {
            keys.push_back(entity_key(w));
            words.emplace_back(w);
        }
        out.push_back(gazetteer_flags(gaz, keys, words));
    }
    return out;
}

// Exact-span precision, recall and F1 per entity type on `dev`; with `predict`, also writes
// the dev file back: each word, its gold tag, the predicted tag and the tagger's margin.
void evaluate(const Tagger& tagger, const Gazetteer& gaz, const std::vector<TrainSentence>& dev,
              const std::string& predict) {
    const auto flags = all_flags(gaz, dev);
    std::ofstream pred;
    if (!predict.empty()) {
        pred.open(predict);
        if (!pred) throw InputError(predict + ": cannot write the predictions");
    }
    std::map<int, std::array<std::size_t, 3>> counts;  // type -> right, found, gold
    for (std::size_t i = 0; i < dev.size(); ++i) {
        TagSentence s;
        for (const std::string& w : dev[i].words) s.words.emplace_back(w);
        s.flags = flags[i];
        s.capitals = capitals_line(s.words);
        std::set<std::tuple<std::size_t, std::size_t, int>> gold, found;
        for (const TagSpan& sp : tag_spans(dev[i].tags))
            gold.insert({sp.a, sp.b, static_cast<int>(sp.type)});
        std::vector<float> margins;
        const std::vector<int> tags = tagger.tag(s, &margins);
        for (const TagSpan& sp : tag_spans(tags))
            found.insert({sp.a, sp.b, static_cast<int>(sp.type)});
        if (pred.is_open()) {
            for (std::size_t k = 0; k < tags.size(); ++k)
                pred << dev[i].words[k] << ' ' << tag_name(dev[i].tags[k]) << ' '
                     << tag_name(tags[k]) << ' ' << std::lround(margins[k]) << '\n';
            pred << '\n';
        }
        for (const auto& g : gold) {
            ++counts[std::get<2>(g)][2];
            if (found.count(g)) ++counts[std::get<2>(g)][0];
        }
        for (const auto& f : found) ++counts[std::get<2>(f)][1];
    }
    static const char* kNames[] = {"", "PER", "ORG", "LOC", "MISC"};
    for (const auto& [type, c] : counts) {
        double p = c[1] ? static_cast<double>(c[0]) / static_cast<double>(c[1]) : 0;
        double r = c[2] ? static_cast<double>(c[0]) / static_cast<double>(c[2]) : 0;
        std::printf("dev %-4s P %.3f R %.3f F1 %.3f\n", kNames[type], p, r,
                    p + r > 0 ? 2 * p * r / (p + r) : 0);
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string train, out, dev, data_dir, model_in, predict;
    TrainOptions opts;
    po::options_description desc(
        "Usage: ndx-train-tagger TRAIN.conll -o MODEL [options]\n"
        "       ndx-train-tagger --model MODEL --dev DEV.conll [--predict OUT]\n\n"
        "Trains ndx's named-entity tagger (averaged perceptron over BIO tags) from a\n"
        "CoNLL-format file: one word a line, word first and tag (PER, ORG, LOC, MISC in\n"
        "IOB1, BIO or BIOES) last, blank lines between sentences.  The same file, seed and\n"
        "gazetteer give the same model.  Load it with `ndx-index --model MODEL`.\n\nOptions");
    desc.add_options()("help,h", "show this help")("output,o", po::value<std::string>(&out),
                                                   "model file to write")(
        "iterations,n", po::value<int>(&opts.iterations)->default_value(opts.iterations),
        "passes over the training data")(
        "seed", po::value<std::uint32_t>(&opts.seed)->default_value(opts.seed),
        "seed of the order of sentences in each pass")(
        "dev", po::value<std::string>(&dev), "CoNLL file to report span F1 on after training")(
        "model", po::value<std::string>(&model_in),
        "evaluate this model on --dev instead of training one")(
        "predict", po::value<std::string>(&predict),
        "write each word of --dev with its gold tag, predicted tag and margin")(
        "data-dir", po::value<std::string>(&data_dir),
        "directory holding places.tsv and groups.tsv (default: built in)");
    po::options_description hidden;
    hidden.add_options()("train", po::value<std::string>(&train));
    po::options_description all;
    all.add(desc).add(hidden);
    po::positional_options_description pos;
    pos.add("train", 1);
    try {
        po::variables_map vm;
        po::store(po::command_line_parser(argc, argv).options(all).positional(pos).run(), vm);
        if (vm.count("help")) {
            std::cout << desc << "\n";
            return 0;
        }
        po::notify(vm);
        if (opts.iterations < 1) throw po::error("--iterations must be at least 1");
        if (model_in.empty() && (train.empty() || out.empty()))
            throw po::error("give a training file and --output (or --model and --dev)");
        if (!model_in.empty() && dev.empty()) throw po::error("--model needs --dev");
        if (!predict.empty() && dev.empty()) throw po::error("--predict needs --dev");
    } catch (const po::error& e) {
        std::cerr << "ndx-train-tagger: " << e.what() << "\n(see ndx-train-tagger --help)\n";
        return 2;
    }
    try {
        auto t0 = std::chrono::steady_clock::now();
        GazetteerSources src;
        src.data_dir = data_dir;
        const Gazetteer gaz = Gazetteer::load(src);
        if (!model_in.empty()) {
            evaluate(*Tagger::load(model_in), gaz, read_conll(dev), predict);
            return 0;
        }
        const auto data = read_conll(train);
        const auto flags = all_flags(gaz, data);
        std::cerr << "ndx-train-tagger: " << data.size() << " sentences from " << train << "\n";
        TrainedWeights w = train_tagger(data, flags, opts, [](int it, double acc) {
            std::cerr << "ndx-train-tagger: pass " << it << ": training accuracy " << acc << "\n";
        });
        Tagger::save(out, w.keys, w.weights);
        auto model = Tagger::load(out);
        double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::cerr << "ndx-train-tagger: " << model->features() << " features -> " << out << " ("
                  << secs << " s)\n";
        if (!dev.empty()) evaluate(*model, gaz, read_conll(dev), predict);
    } catch (const InputError& e) {
        std::cerr << "ndx-train-tagger: " << e.what() << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "ndx-train-tagger: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
