// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "dataset.hpp"

#include <aecv/idx.hpp>

#include <algorithm>
#include <cstring>

namespace aecv::train {

ops::Shape Dataset::sampleShape() const {
    const ops::Shape s = ops::shapeOf(images);
    return ops::Shape(s.begin() + 1, s.end());
}

Dataset Dataset::slice(int begin, int end) const {
    CV_Assert(0 <= begin && begin <= end && end <= size());
    Dataset d;
    d.images = ops::sampleRange(images, begin, end - begin);
    if (!labels.empty()) d.labels.assign(labels.begin() + begin, labels.begin() + end);
    return d;
}

void Dataset::gather(const std::vector<int>& order, size_t start, int count, cv::Mat& batch) const {
    ops::Shape shape = sampleShape();
    shape.insert(shape.begin(), count);
    ops::ensureTensor(batch, shape);
    const size_t bytes = ops::elementCount(sampleShape()) * sizeof(float);
#pragma omp parallel for schedule(static) if (count * bytes >= 65536)
    for (int i = 0; i < count; ++i)
        std::memcpy(batch.ptr<float>(i), images.ptr<float>(order[start + static_cast<size_t>(i)]), bytes);
}

Split loadFashionMnist(const std::string& dir, int limit) {
    Dataset all;
    all.images = readIdxImages(dir + "/train-images-idx3-ubyte.gz");
    all.labels = readIdxLabels(dir + "/train-labels-idx1-ubyte.gz");
    if (static_cast<int>(all.labels.size()) != all.size())
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("'%s' has %d images but %zu labels", dir.c_str(),
                 all.size(), all.labels.size()));
    if (all.size() < 10000)
        CV_Error(cv::Error::StsBadSize, cv::format("'%s' has %d training images; expected Fashion-MNIST's 60,000",
                 dir.c_str(), all.size()));
    const int trainEnd = all.size() - 5000;
    Split s{all.slice(0, trainEnd), all.slice(trainEnd, all.size())};
    if (limit > 0) {
        s.train = s.train.slice(0, std::min(limit, s.train.size()));
        s.validation = s.validation.slice(0, std::max(1, std::min(limit / 10, s.validation.size())));
    }
    return s;
}

}  // namespace aecv::train
