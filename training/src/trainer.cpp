// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "trainer.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <numeric>
#include <optional>
#include <ostream>

#include "collective.hpp"
#include "corruption.hpp"
#include "data_source.hpp"
#include "losses.hpp"
#include "model/model.hpp"
#include "ops/dnnl_context.hpp"
#include "optimizer.hpp"
#include "param_arena.hpp"
#include "prefetcher.hpp"
#include "presets.hpp"
#include "progress.hpp"
#include "report.hpp"
#include "train_graph.hpp"
#include "warm_start.hpp"

namespace aecv::train {

namespace {

using Clock = std::chrono::steady_clock;

Recipe recipeFor(const TrainOptions& o) {
    Recipe r = makeRecipe(o.preset, o.seed);
    if (o.tied) tieWeights(r);
    if (o.epochs < 0 || o.batch < 0 || o.patch < 0 || o.lr < 0 || o.limit < 0 || o.earlyStop < 0)
        CV_Error(cv::Error::StsOutOfRange, "epochs, batch, patch, lr, limit and early-stop must not be negative");
    if (o.epochs) r.epochs = o.epochs;
    if (o.batch) r.batch = o.batch;
    if (o.patch) {
        if (r.patch == 0)
            CV_Error(cv::Error::StsBadArg, cv::format("--patch is for the photo presets (image-*); preset '%s' "
                     "trains on whole images", o.preset.c_str()));
        const auto multiple = r.model.metadata.find("size_multiple");
        const int stride = multiple == r.model.metadata.end() ? 1 : std::stoi(multiple->second);
        if (o.patch < 32 || o.patch % stride != 0)
            CV_Error(cv::Error::StsOutOfRange, cv::format("--patch is %d; expected at least 32 and a multiple of the "
                     "model's stride, %d", o.patch, stride));
        r.patch = o.patch;
        r.model.inputShape[2] = r.model.inputShape[3] = o.patch;
    }
    if (o.colourJitter) {
        if (r.patch == 0)
            CV_Error(cv::Error::StsBadArg, cv::format("--colour-jitter is for the photo presets (image-*); preset '%s' "
                     "trains on whole images", o.preset.c_str()));
        r.colourJitter = true;
    }
    if (!o.optimizer.empty()) {
        const OptimizerKind kind = OptimizerConfig::kindFromName(o.optimizer);
        if (kind != r.optimizer.kind) r.optimizer = OptimizerConfig{kind, r.optimizer.lr};
    }
    if (o.lr > 0) r.optimizer.lr = o.lr;
    if (o.cleanShare) {
        if (r.corruption != CorruptionKind::NoiseLevelMap)
            CV_Error(cv::Error::StsBadArg, cv::format("--clean-share is for the noise-level denoisers (image-denoise, "
                     "image-denoise-deep); preset '%s' has no noise-free share", o.preset.c_str()));
        if (!(*o.cleanShare >= 0 && *o.cleanShare <= 1))  // NaN too
            CV_Error(cv::Error::StsOutOfRange, cv::format("--clean-share is %g; expected a share from 0 to 1", *o.cleanShare));
        r.cleanShare = *o.cleanShare;
    }
    // The watermark presets' scene text: --scene-text-share, --scene-panels.
    const auto watermarkShare = [&](const std::optional<double>& value, const char* option, double& into) {
        if (!value) return;
        if (r.corruption != CorruptionKind::Watermark)
            CV_Error(cv::Error::StsBadArg, cv::format("%s is for the watermark presets (image-watermark*, "
                     "image-inpaint*); preset '%s' draws no marks", option, o.preset.c_str()));
        if (!(*value >= 0 && *value <= 1))  // NaN too
            CV_Error(cv::Error::StsOutOfRange, cv::format("%s is %g; expected a share from 0 to 1", option, *value));
        into = *value;
    };
    watermarkShare(o.sceneTextShare, "--scene-text-share", r.sceneTextShare);
    watermarkShare(o.scenePanels, "--scene-panels", r.scenePanels);
    return r;
}

// What the convolutions train in, for one run: set from --precision, f32 again afterwards.
class TrainingPrecision {
public:
    explicit TrainingPrecision(const std::string& name) {
        if (name != "f32" && name != "bf16")
            CV_Error(cv::Error::StsBadArg, cv::format("--precision is '%s'; expected f32 or bf16", name.c_str()));
        if (name == "bf16" && !ops::cpuHasBf16())
            CV_Error(cv::Error::StsNotImplemented, "--precision bf16: this CPU has no AVX-512 BF16 instructions; "
                     "train in f32");
        ops::setTrainingType(name == "bf16" ? dnnl::memory::data_type::bf16 : dnnl::memory::data_type::f32);
    }
    ~TrainingPrecision() { ops::setTrainingType(dnnl::memory::data_type::f32); }
    TrainingPrecision(const TrainingPrecision&) = delete;
    TrainingPrecision& operator=(const TrainingPrecision&) = delete;
};

// What a batch's loss is measured against: the target, the input the graph saw and (the
// watermark remover) the true mask; per-sample weights, if any.
struct Wanted {
    const cv::Mat& target;
    const cv::Mat& input;
    const cv::Mat& mask;
    std::vector<float> weights;
};

// Reconstruction loss (+ KL for a VAE; the unblending's error and the alpha's for a remover) of
// the graph's current forward; fills the gradient seeds when `seeds` is given.
// Gradient buffers, reused between steps.
struct Grads {
    cv::Mat recon, mean, logVar, mask;
};

double lossOf(const Recipe& r, const TrainGraph& g, const Wanted& w, std::map<std::string, cv::Mat>* seeds,
              Grads& d) {
    const cv::Mat& recon = g.tensor(r.model.outputs[0]);
    const cv::Mat& target = w.target;
    double loss = !r.mask.empty() && r.unblend ? unblendLoss(w.input, recon, g.tensor(r.mask), target, w.mask,
                                                             r.maskWeight, d.recon, d.mask)
                  : !r.mask.empty() ? detectRestoreLoss(recon, g.tensor(r.mask), target, w.mask, r.maskWeight,
                                                        r.diceWeight, d.recon, d.mask)
                  : r.maskInput ? maskedMseLoss(recon, target, w.input, d.recon)
                  : !w.weights.empty() && r.loss == LossKind::MSE ? weightedMseLoss(recon, target, w.weights, d.recon)
                  : r.loss == LossKind::BCE ? bceLoss(recon, target, d.recon)
                  : r.loss == LossKind::L1 ? l1Loss(recon, target, d.recon)
                                           : mseLoss(recon, target, d.recon);
    if (!r.mean.empty()) loss += klDivergenceLoss(g.tensor(r.mean), g.tensor(r.logVar), r.klWeight, d.mean, d.logVar);
    if (seeds) {
        (*seeds)[r.model.outputs[0]] = d.recon;
        if (!r.mask.empty()) (*seeds)[r.mask] = d.mask;
        if (!r.mean.empty()) {
            (*seeds)[r.mean] = d.mean;
            (*seeds)[r.logVar] = d.logVar;
        }
    }
    return loss;
}

// Stops the run (nothing written but the checkpoints already kept) when a loss is not a number,
// infinite, or a BCE below zero, which no prediction in [0, 1] gives: the weights have diverged.
void requireSane(const Recipe& r, double loss, const std::string& where, const Checkpoint& state,
                 const std::string& checkpointPath) {
    const bool negative = r.loss == LossKind::BCE && loss < -1e-4;
    if (std::isfinite(loss) && !negative) return;
    const std::string value = std::isnan(loss) ? "nan" : std::isinf(loss) ? (loss > 0 ? "inf" : "-inf")
                                                                            : cv::format("negative (%g)", loss);
    const std::string kept = state.epochsDone > 0 ? "the last good checkpoint is kept: " + checkpointPath
                                                  : std::string("no checkpoint was written yet");
    CV_Error(cv::Error::StsError, cv::format("the loss became %s %s (lower the learning rate?); %s", value.c_str(),
             where.c_str(), kept.c_str()));
}

}  // namespace

Interrupted::Interrupted(int epoch, int step, int steps, int kept, const std::string& path)
    : std::runtime_error(cv::format("interrupted at epoch %d, step %d of %d; ", epoch, step, steps) +
                         (kept > 0 ? cv::format("the checkpoint after epoch %d is %s", kept, path.c_str())
                                   : std::string("no epoch had finished: nothing was saved"))),
      epochsKept(kept), checkpoint(path) {}

void checkOutputs(const TrainOptions& o) {
    namespace fs = std::filesystem;
    const std::string checkpoint = o.checkpoint.empty() ? o.out + ".ckpt" : o.checkpoint;
    const auto fail = [](const std::string& message) { CV_Error(cv::Error::StsBadArg, message); };
    const auto checkFile = [&](const std::string& option, const std::string& path) {
        std::error_code error;
        if (path.empty()) fail(option + " is empty; expected a file name");
        if (fs::is_directory(path, error)) fail(option + " '" + path + "' is a directory; expected a file name");
        std::string folder = fs::path(path).parent_path().string();
        if (folder.empty()) folder = ".";
        if (!fs::is_directory(folder, error)) fail(option + " '" + path + "': the folder '" + folder + "' does not exist");
        if (::access(folder.c_str(), W_OK) != 0)
            fail(option + " '" + path + "': the folder '" + folder + "' cannot be written: " + std::strerror(errno));
    };
    const auto same = [](const std::string& a, const std::string& b) {
        std::error_code e1, e2;
        return fs::weakly_canonical(a, e1) == fs::weakly_canonical(b, e2) && !e1 && !e2;
    };
    checkFile("--out", o.out);
    checkFile("--checkpoint", checkpoint);
    if (same(o.out, checkpoint)) fail("--checkpoint '" + checkpoint + "' is the model file --out: give it another name");
    if (!o.resume.empty() && same(o.resume, o.out))
        fail("--resume '" + o.resume + "' is the model file --out; expected a checkpoint (" + o.out + ".ckpt)");
    if (!o.report.empty()) {
        std::error_code error;
        if (same(o.report, o.out) || same(o.report, checkpoint))
            fail("--report '" + o.report + "' is the model or checkpoint file; expected a folder");
        if (fs::exists(o.report, error) && !fs::is_directory(o.report, error))
            fail("--report '" + o.report + "' is a file; expected a folder (made if missing)");
    }
}

TrainResult train(const TrainOptions& o, std::ostream& out) {
    checkOutputs(o);
    Recipe r = recipeFor(o);
    const TrainingPrecision precision(o.precision);
    // Data parallel over `world` (collective.hpp): every rank draws each global batch and its
    // corruption exactly as one process would, and trains on its rows of it; the gradients,
    // scaled by the rows' share, are summed over the ranks, so every rank takes the step one
    // process would take on the whole batch. Rank 0 alone prints and writes.
    Collective& world = Collective::world();
    const int rank = world.rank(), ranks = world.size();
    std::ostream silent(nullptr);
    std::ostream& log = rank == 0 ? out : silent;
    if (ranks > r.batch)
        CV_Error(cv::Error::StsBadArg, cv::format("%d processes for a batch of %d: every process needs a sample of "
                 "each batch (a larger --batch, or fewer processes)", ranks, r.batch));
    if (!o.init.empty() && o.resume.empty()) log << warmStart(r.model, model::readOnnx(o.init), o.init);
    std::unique_ptr<BatchSource> source = makeSource(r, o.data.empty() ? r.defaultData : o.data, r.batch, o.limit,
                                                     o.seed * 2654435761u + 1);
    TrainGraph graph(r.model, r.tied);
    ParamArena arena(graph.parameterised(), graph.tiedWeights());
    Optimizer optimizer(r.optimizer, arena.size());
    const std::string checkpointPath = o.checkpoint.empty() ? o.out + ".ckpt" : o.checkpoint;

    std::unique_ptr<Corruption> corruption = makeCorruption(r, o.seed + 17);
    if (o.sampleStreams && !(corruption && corruption->supportsSampleStreams()))
        CV_Error(cv::Error::StsBadArg, "--sample-streams: preset '" + r.preset + "' " +
                 (corruption ? "corrupts whole batches at once (a noise op)" : "has no corruption") +
                 "; it applies to the photo presets");
    std::vector<cv::RNG*> rngs{&source->rng()};
    if (corruption) rngs.push_back(&corruption->rng());
    for (cv::RNG* g : graph.generators()) rngs.push_back(g);

    // Validation inputs: clean (Geron validates his denoisers on clean images) or corrupted once,
    // with a fixed seed, when denoising is the task.
    cv::Mat validationTargets = source->validation();
    cv::Mat validationInputs;  // a buffer of its own: corruption writes into it
    cv::Mat validationMasks;
    std::vector<float> validationWeights;
    if (r.validateCorrupted && corruption) {
        std::unique_ptr<Corruption> fixed = makeCorruption(r, 0xC0FFEE);
        fixed->apply(validationTargets, validationInputs);
        validationWeights = fixed->sampleWeights();
        if (!fixed->target().empty()) validationTargets = fixed->target().clone();
        validationMasks = fixed->targetMask().clone();
    } else {
        validationInputs = validationTargets;
    }

    Checkpoint state;
    state.preset = r.preset;
    state.seed = o.seed;
    state.bestLoss = std::numeric_limits<double>::infinity();
    if (!o.resume.empty()) {
        state = readCheckpoint(o.resume);
        if (state.preset != r.preset || state.values.size() != arena.size() || state.rngStates.size() != rngs.size())
            CV_Error(cv::Error::StsBadArg, cv::format("checkpoint '%s' is for preset '%s' with %zu parameters; this "
                     "run is '%s' with %zu", o.resume.c_str(), state.preset.c_str(), state.values.size(),
                     r.preset.c_str(), arena.size()));
        std::copy(state.values.begin(), state.values.end(), arena.values());
        for (size_t i = 0; i < rngs.size(); ++i) rngs[i]->state = state.rngStates[i];
        optimizer.setSteps(state.optimizerSteps);
        if (state.moments.size() != optimizer.state().size())
            CV_Error(cv::Error::StsBadArg, cv::format("checkpoint '%s' holds state for another optimizer",
                     o.resume.c_str()));
        optimizer.state() = state.moments;
        log << "resuming " << r.preset << " after epoch " << state.epochsDone << " from " << o.resume << "\n";
    }
    // The model's own random ops (dropout, noise, a VAE's sampling) draw a stream per rank:
    // rank 0 continues the checkpoint's (or the seed's), the others one derived from it and
    // their rank, so a run is reproducible for a given number of processes.
    for (cv::RNG* g : graph.generators())
        if (rank > 0) g->state ^= 0x9E3779B97F4A7C15ull * static_cast<uint64_t>(rank);
    if (ranks > 1)
        log << cv::format("data parallel on %d processes: %d of every %d samples each, gradients summed over "
                          "the ranks (MPI)\n", ranks, r.batch / ranks, r.batch);

    // Data parallel: where each node's parameters start in the arena, for summing gradients in
    // buckets as backward finishes them (not with tied weights: theirs are completed last).
    const bool overlap = ranks > 1 && r.tied.empty();
    const size_t bucketFloats = Collective::kBucketBytes / sizeof(float) / 4;  // 1 MiB: several per step
    std::map<std::string, size_t> firstParam;
    for (const ParamArena::Entry& e : arena.entries()) {
        const std::string node = e.name.substr(0, e.name.find('.'));
        const auto [at, fresh] = firstParam.emplace(node, e.offset);
        if (!fresh) at->second = std::min(at->second, e.offset);
    }
    const int batches = source->batchesPerEpoch();
    Progress progress(log, r.epochs, batches);
    cv::Mat input;
    Grads grads;
    std::map<std::string, cv::Mat> seeds;
    const bool sampled = !graph.generators().empty();  // a VAE samples in validation too, as Keras does
    auto validate = [&] {
        graph.weightsChanged();  // inference plans keep reordered weights: the optimizer moved them
        double total = 0;
        // In chunks of at most 250 samples and about 4M input pixels (a U-Net's full-resolution
        // activations for 250 patches of 256 px took 12 GB; 128-px patches still go 250 at a time).
        const int n = validationTargets.size[0];
        const int64_t pixels = validationTargets.dims == 4 ? int64_t{validationTargets.size[2]} * validationTargets.size[3]
                                                           : static_cast<int64_t>(validationTargets.total()) / std::max(n, 1);
        const int step = static_cast<int>(std::clamp<int64_t>((int64_t{1} << 22) / std::max<int64_t>(pixels, 1), 1, 250));
        const int end = static_cast<int>(static_cast<int64_t>(n) * (rank + 1) / ranks);
        for (int first = static_cast<int>(static_cast<int64_t>(n) * rank / ranks); first < end; first += step) {
            const int count = std::min(step, end - first);
            const cv::Mat in = ops::sampleRange(validationInputs, first, count), target = ops::sampleRange(validationTargets, first, count);
            const cv::Mat mask = validationMasks.empty() ? cv::Mat() : ops::sampleRange(validationMasks, first, count);
            graph.forward(in, sampled ? ops::Phase::Training : ops::Phase::Inference);
            const std::vector<float> weights = validationWeights.empty() ? std::vector<float>{}
                : std::vector<float>(validationWeights.begin() + first, validationWeights.begin() + first + count);
            total += lossOf(r, graph, {target, in, mask, weights}, nullptr, grads) * count;
        }
        return world.sum(total) / n;
    };
    // Measured on a copy of the generators' states: the run continues exactly as without it.
    std::vector<uint64_t> saved;
    for (cv::RNG* g : rngs) saved.push_back(g->state);
    const double initial = validate();
    for (size_t i = 0; i < rngs.size(); ++i) rngs[i]->state = saved[i];

    for (int epoch = state.epochsDone; epoch < r.epochs; ++epoch) {
        const auto start = Clock::now();
        source->startEpoch();
        std::optional<Prefetcher> prefetch;
        if (source->prefetched()) {
            prefetch.emplace([&](int b, cv::Mat& batch) { source->batch(b, batch); });
            prefetch->request(0);
        }
        cv::Mat gathered;
        double sum = 0;
        for (int b = 0; b < batches; ++b) {
            if (!prefetch) source->batch(b, gathered);
            const cv::Mat& clean = prefetch ? prefetch->take() : gathered;
            if (prefetch && b + 1 < batches) prefetch->request(b + 1);
            if (r.cosineDecay) {
                const double done = (static_cast<double>(epoch) * batches + b) / (static_cast<double>(r.epochs) * batches);
                optimizer.setLearningRate(static_cast<float>(r.optimizer.lr * std::max(0.02, 0.5 * (1 + std::cos(M_PI * done)))));
            }
            // This rank's rows of the batch (all of it alone; the last batch of an epoch may be short).
            const int rows = clean.size[0];
            const int first = rows * rank / ranks, count = rows * (rank + 1) / ranks - first;
            if (count == 0) CV_Error(cv::Error::StsBadArg, cv::format("a batch of %d for %d processes", rows, ranks));
            const auto mine = [&](const cv::Mat& m) { return ranks == 1 || m.empty() ? m : ops::sampleRange(m, first, count); };
            // The corruption of the whole batch, as one process draws it, of which this rank keeps
            // its rows; or, with sample streams, of its rows alone.
            const bool own = o.sampleStreams;
            if (own) {
                corruption->useSampleStreams(o.seed * 0x9E3779B97F4A7C15ull + static_cast<uint64_t>(epoch) * batches + b, first);
                corruption->apply(mine(clean), input);
            } else if (corruption) {
                corruption->apply(clean, input);
            }
            const auto corrupted = [&](const cv::Mat& m) { return own ? m : mine(m); };
            const cv::Mat in = corruption ? corrupted(input) : mine(clean);
            graph.forward(in, ops::Phase::Training);
            const cv::Mat wanted = corruption && !corruption->target().empty() ? corrupted(corruption->target()) : mine(clean);
            const cv::Mat mask = corruption ? corrupted(corruption->targetMask()) : cv::Mat();
            std::vector<float> weights = corruption ? corruption->sampleWeights() : std::vector<float>{};
            if (ranks > 1 && !own && !weights.empty())
                weights = std::vector<float>(weights.begin() + first, weights.begin() + first + count);
            double loss = lossOf(r, graph, {wanted, in, mask, weights}, &seeds, grads);
            bool stop = o.interrupt && o.interrupt->load();
            arena.zeroGrads();
            // Every loss is a mean over the batch: the whole batch's gradient is the rows' shares
            // added. Alone: none of this.
            const float share = static_cast<float>(count) / static_cast<float>(rows);
            float* g = arena.grads();
            if (!overlap) {
                graph.backward(seeds);
                if (ranks > 1) {
                    for (size_t i = 0; i < arena.size(); ++i) g[i] *= share;
                    world.sum(g, arena.size());
                }
            } else {
                // The arena holds the nodes' parameters in node order and backward runs the nodes
                // backwards, so [offset of a finished node, end) is final: buckets of it are summed
                // while the earlier nodes compute.
                size_t started = arena.size();
                const auto sendFrom = [&](size_t from) {
                    for (size_t i = from; i < started; ++i) g[i] *= share;
                    world.startSum(g + from, started - from);
                    started = from;
                };
                graph.backward(seeds, [&](const std::string& node) {
                    const auto at = firstParam.find(node);
                    if (at != firstParam.end() && started - at->second >= bucketFloats) sendFrom(at->second);
                    world.progress();
                });
                sendFrom(0);
                world.finishSums();
            }
            if (ranks > 1) {
                double both[2] = {loss * share, stop ? 1.0 : 0.0};  // Ctrl-C on any rank stops all at this step
                world.sum(both, 2);
                loss = both[0];
                stop = both[1] > 0;
            }
            requireSane(r, loss, cv::format("at epoch %d, step %d", epoch + 1, b + 1), state, checkpointPath);
            optimizer.step(arena.values(), arena.grads());
            sum += loss;
            progress.step(epoch, b + 1, sum / (b + 1));
            if (stop) throw Interrupted(epoch + 1, b + 1, batches, state.epochsDone, checkpointPath);
        }

        const double val = validate();
        requireSane(r, val, cv::format("in validation after epoch %d", epoch + 1), state, checkpointPath);
        if (ranks > 1) {  // the same steps on the same sums: the weights must match to the bit
            const std::vector<uint64_t> prints = world.gather(fingerprint(arena.values(), arena.size()));
            std::string differ;
            for (int i = 1; i < ranks; ++i)
                if (prints[static_cast<size_t>(i)] != prints[0]) differ += (differ.empty() ? "" : ", ") + std::to_string(i);
            if (!differ.empty())
                CV_Error(cv::Error::StsError, cv::format("after epoch %d the weights of rank(s) %s differ from rank 0's "
                         "(fingerprints of the parameter arena); the processes no longer train one model",
                         epoch + 1, differ.c_str()));
        }
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        state.history.push_back({epoch + 1, sum / batches, val, seconds});
        progress.epochDone(epoch, sum / batches, val, seconds);

        if (val < state.bestLoss) {
            state.bestLoss = val;
            state.bestEpoch = epoch + 1;
            state.bestValues.assign(arena.values(), arena.values() + arena.size());
        }
        state.epochsDone = epoch + 1;
        state.values.assign(arena.values(), arena.values() + arena.size());
        state.rngStates.clear();
        for (cv::RNG* g : rngs) state.rngStates.push_back(g->state);
        state.optimizerSteps = optimizer.steps();
        state.moments = optimizer.state();
        if (rank == 0) writeCheckpoint(state, checkpointPath);
        if (rank == 0 && !o.report.empty()) writeLossCurves(o.report, state.history);
        if (o.earlyStop > 0 && epoch + 1 - state.bestEpoch >= o.earlyStop) {
            log << "early stop: no better validation loss for " << o.earlyStop << " epochs\n";
            break;
        }
    }

    TrainResult result{initial, state.bestLoss, state.bestEpoch, state.history,
                       std::vector<float>(arena.values(), arena.values() + arena.size())};
    if (state.bestValues.size() == arena.size()) std::copy(state.bestValues.begin(), state.bestValues.end(), arena.values());
    model::Model trained = graph.snapshot();
    trained.metadata["preset"] = r.preset;
    trained.metadata["recipe"] = o.commandLine.empty() ? "aecv-train --preset " + r.preset : o.commandLine;
    trained.metadata["val_loss"] = cv::format("%.4f", state.bestLoss);
    trained.metadata["best_epoch"] = std::to_string(state.bestEpoch);
    if (!r.publishedLoss.empty()) trained.metadata["published_val_loss"] = r.publishedLoss;  // a preset's reference number
    if (ranks > 1) {
        double seconds = 0;
        for (const EpochStats& e : state.history) seconds += e.seconds;
        log << cv::format("%d processes: weights identical on every rank after every epoch; all-reduce %.2f s of "
                          "%.2f s (%.1f%%) on rank 0\n", ranks, world.seconds(), seconds, 100 * world.seconds() / std::max(seconds, 1e-9));
    }
    if (rank != 0) return result;
    model::writeOnnx(trained, o.out);
    if (!o.report.empty())
        writePictures(o.report, o.out, validationInputs, validationTargets, source->validationLabels(), o.seed);
    return result;
}

}  // namespace aecv::train
