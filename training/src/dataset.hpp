// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Datasets: images as one [N, C, H, W] float tensor in [0, 1], labels when there are any.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "ops/tensor.hpp"

namespace aecv::train {

struct Dataset {
    cv::Mat images;           // [N, C, H, W], CV_32F in [0, 1]
    std::vector<int> labels;  // empty when unlabelled

    int size() const { return images.empty() ? 0 : images.size[0]; }
    ops::Shape sampleShape() const;  // [C, H, W]
    // Rows begin..end-1 (shares the pixels).
    Dataset slice(int begin, int end) const;
    // batch = images[order[start .. start+count)], allocated as [count, C, H, W] if needed.
    void gather(const std::vector<int>& order, size_t start, int count, cv::Mat& batch) const;
};

struct Split {
    Dataset train, validation;
};

// Fashion-MNIST's training file in `dir` (train-images-idx3-ubyte.gz): the first 55,000 images
// for training and the last 5,000 for validation, as in Geron's recipes. `limit` > 0 keeps only
// the first `limit` training and limit/10 validation images (quick runs, tests).
Split loadFashionMnist(const std::string& dir, int limit = 0);

}  // namespace aecv::train
