// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Where training batches come from: Fashion-MNIST (shuffled each epoch) or random patches of
// photos; plus a fixed validation set.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "presets.hpp"

namespace aecv::train {

class BatchSource {
public:
    virtual ~BatchSource() = default;
    virtual int batchesPerEpoch() const = 0;
    // Before the first batch of every epoch (reshuffles).
    virtual void startEpoch() = 0;
    // Batch `b` of the current epoch: [n, C, H, W] in [0, 1]. Called in order, from one thread
    // at a time (a helper thread prepares the next batch while the current one trains, where
    // prefetched() says that pays).
    virtual void batch(int b, cv::Mat& out) = 0;
    // Whether a batch takes long enough to prepare on a helper thread. Waking that thread costs
    // the training thread 20-90 us a step on two cores (the helper takes a core from it or from
    // oneDNN's other thread); copying rows of a dataset in memory over the OpenMP threads costs
    // about as much (15-60 us) without a third thread.
    virtual bool prefetched() const { return true; }
    virtual const cv::Mat& validation() const = 0;
    virtual std::vector<int> validationLabels() const { return {}; }  // class of each validation sample, if known
    virtual cv::RNG& rng() = 0;  // its state goes into checkpoints
};

// `limit` > 0 shortens the data for quick runs: the first `limit` Fashion-MNIST images (and
// limit/10 for validation), or `limit` patches per epoch.
std::unique_ptr<BatchSource> makeSource(const Recipe& r, const std::string& dir, int batch, int limit, uint64_t seed);

}  // namespace aecv::train
