// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The training loop: data, corruption, forward, loss, backward, optimizer, validation each epoch,
// checkpoints, the best model written as an aecv ONNX file.
#pragma once

#include <atomic>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "checkpoint.hpp"

namespace aecv::train {

struct TrainOptions {
    std::string preset = "stacked";
    std::string data;       // "": the preset's (Fashion-MNIST folder, or a folder of photos)
    int epochs = 0;         // 0: the preset's
    int batch = 0;          // 0: the preset's
    int patch = 0;          // photo presets: the patch side (0: the preset's); a multiple of the model's stride
    float lr = 0.f;         // 0: the preset's
    std::string optimizer;  // "": the preset's
    uint64_t seed = 42;
    int limit = 0;          // > 0: train on the first `limit` images only
    int earlyStop = 0;      // > 0: stop after this many epochs without a better validation loss
    bool tied = false;      // dense presets: decoder weights = encoder weights transposed
    bool colourJitter = false;  // photo presets: training patches' colours varied (samplePatches)
    std::optional<double> cleanShare;  // level-map denoisers: the share of noise-free patches (unset: the preset's)
    std::optional<double> sceneTextShare;  // watermark presets: the share of patches with opaque scene text (unset: 0.4)
    std::optional<double> scenePanels;     // ... and of that scene text, the share on a flat panel (unset: 0)
    // "f32", or "bf16": convolutions (forward and both backward products) in bfloat16 with f32
    // parameters, gradients and tensors between ops (needs AVX-512 BF16; the same random draws but
    // other rounding, so a different model from the f32 one of the same command)
    std::string precision = "f32";
    std::string out = "model.onnx";
    std::string checkpoint;  // "": OUT.ckpt
    std::string resume;      // a checkpoint to continue from
    std::string init;        // a model whose matching layers give the starting weights (warm_start.hpp)
    std::string report;      // a folder for loss curves and pictures (see report.hpp)
    std::string commandLine; // recorded in the model's metadata
    // Each sample's corruption from a stream of its own (seed, step, sample): under mpirun each
    // rank then corrupts only its rows (Corruption::useSampleStreams). Draws other noise than the
    // default single stream, so not the default: the shipped models' recipes use that one.
    bool sampleStreams = false;
    const std::atomic<bool>* interrupt = nullptr;  // when it becomes true (Ctrl-C): stop after the step
};

// Thrown when `TrainOptions::interrupt` stops a run: where it stopped and what is kept.
struct Interrupted : std::runtime_error {
    Interrupted(int epoch, int step, int steps, int epochsKept, const std::string& checkpoint);
    int epochsKept;          // epochs in the checkpoint (0: none was written)
    std::string checkpoint;  // its path
};

struct TrainResult {
    double initialValidationLoss = 0;  // of the starting weights (this run's start when resuming)
    double bestValidationLoss = 0;
    int bestEpoch = 0;
    std::vector<EpochStats> history;
    std::vector<float> finalWeights;  // the parameter arena at the end (before picking the best)
};

// Refuses, before any data is read, outputs that cannot work: --out or --checkpoint a folder,
// in a missing or unwritable folder, the same file twice, --report a file or the model itself.
// cv::Exception (StsBadArg) naming the option.
void checkOutputs(const TrainOptions& options);

// Trains; progress goes to `log` (a live line when it is a terminal, a line per epoch otherwise).
TrainResult train(const TrainOptions& options, std::ostream& log);

}  // namespace aecv::train
