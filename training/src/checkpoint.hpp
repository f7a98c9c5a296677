// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Checkpoints: everything a resumed run needs to continue exactly as an uninterrupted one would.
// Binary, little-endian as the machine writes it: magic "AECVCKPT", version, the fields in order,
// then a CRC-32 of all that. Written to a temporary file, synced and renamed, so a crash never
// leaves a half-written one; damage on disk is caught by the CRC.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace aecv::train {

struct EpochStats {
    int epoch = 0;
    double trainLoss = 0, validationLoss = 0, seconds = 0;
};

struct Checkpoint {
    std::string preset;
    uint64_t seed = 0;
    int32_t epochsDone = 0, bestEpoch = -1;
    double bestLoss = 0;
    std::vector<uint64_t> rngStates;            // shuffling, corruption, then each Sampling op
    int64_t optimizerSteps = 0;
    std::vector<std::vector<float>> moments;    // optimizer state
    std::vector<float> values, bestValues;      // parameter arena now and at the best epoch
    std::vector<EpochStats> history;
};

// cv::Exception when it cannot be written (e.g. disk full); the previous checkpoint stays.
void writeCheckpoint(const Checkpoint& c, const std::string& path);
// cv::Exception naming the file for a missing, foreign, truncated, corrupt or other-version checkpoint.
Checkpoint readCheckpoint(const std::string& path);

}  // namespace aecv::train
