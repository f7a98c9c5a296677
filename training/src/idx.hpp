// aecv: autoencoders for OpenCV.
// IDX files (the MNIST family's format), gzip-compressed or not, read with zlib.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

namespace aecv::train {

// An IDX3 image file (magic 2051): [N, 1, H, W] CV_32F with pixels scaled to [0, 1].
cv::Mat readIdxImages(const std::string& path);
// An IDX1 label file (magic 2049).
std::vector<int> readIdxLabels(const std::string& path);

}  // namespace aecv::train
