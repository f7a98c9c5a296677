// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <aecv/export.hpp>

#include <string>
#include <vector>

#include <opencv2/core.hpp>

/// @file
/// IDX files, the format of MNIST and Fashion-MNIST (Debian: dataset-fashion-mnist), read
/// gzip-compressed or plain.

namespace aecv {

/// An IDX3 image file (magic 2051) as a blob [N, 1, H, W] of CV_32F pixels in [0, 1], ready for
/// an aecv model. cv::Exception naming the file for a missing, truncated or corrupt one.
/// @code
///     cv::Mat images = aecv::readIdxImages("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
/// @endcode
AECV_EXPORT cv::Mat readIdxImages(const std::string& path);

/// An IDX1 label file (magic 2049).
AECV_EXPORT std::vector<int> readIdxLabels(const std::string& path);

}  // namespace aecv
