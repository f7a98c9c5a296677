// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "builder.hpp"

#include <cmath>

namespace aecv::train {

using Ints = std::vector<int64_t>;

cv::Mat ModelBuilder::glorot(const ops::Shape& shape, int fanIn, int fanOut) {
    const double limit = std::sqrt(6.0 / (fanIn + fanOut));
    cv::Mat w = ops::makeTensor(shape);
    rng_.fill(w, cv::RNG::UNIFORM, -limit, limit);
    return w;
}

namespace {

cv::Mat zeros(int n) {
    cv::Mat b = ops::makeTensor({1, n});
    b.setTo(0);
    return b;
}

// Keras padding for a k x k window at stride s: 'valid' none, 'same' total k - s (or k - 1 at
// stride 1) with the odd pixel at the bottom/right, as TensorFlow places it.
Ints padding(const std::string& mode, int k, int stride) {
    if (mode == "valid") return {0, 0, 0, 0};
    CV_Assert(mode == "same");
    const int total = std::max(k - stride, 0);
    const int before = total / 2, after = total - before;
    return {before, before, after, after};
}

}  // namespace

std::string ModelBuilder::dense(const std::string& name, const std::string& in, int inF, int outF,
                                const std::string& act) {
    model_.nodes.push_back({"Dense", name, {in}, name, {{"activation", act}},
                            {glorot({outF, inF}, inF, outF), zeros(outF)}});
    return name;
}

std::string ModelBuilder::conv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride,
                               const std::string& pad, const std::string& act) {
    model_.nodes.push_back({"Conv", name, {in}, name,
                            {{"activation", act}, {"stride", Ints{stride, stride}}, {"padding", padding(pad, k, stride)}},
                            {glorot({outC, inC, k, k}, inC * k * k, outC * k * k), zeros(outC)}});
    return name;
}

std::string ModelBuilder::deconv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride,
                                 const std::string& pad, const std::string& act) {
    model_.nodes.push_back({"ConvTranspose", name, {in}, name,
                            {{"activation", act}, {"stride", Ints{stride, stride}}, {"padding", padding(pad, k, stride)}},
                            {glorot({inC, outC, k, k}, outC * k * k, inC * k * k), zeros(outC)}});
    return name;
}

std::string ModelBuilder::conv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride,
                               int pad, const std::string& act) {
    conv(name, in, inC, outC, k, stride, "valid", act);
    model_.nodes.back().attrs["padding"] = Ints{pad, pad, pad, pad};
    return name;
}

std::string ModelBuilder::deconv(const std::string& name, const std::string& in, int inC, int outC, int k, int stride,
                                 int pad, const std::string& act) {
    deconv(name, in, inC, outC, k, stride, "valid", act);
    model_.nodes.back().attrs["padding"] = Ints{pad, pad, pad, pad};
    return name;
}

std::string ModelBuilder::maxPool(const std::string& name, const std::string& in) {
    model_.nodes.push_back({"MaxPool", name, {in}, name, {{"kernel", Ints{2, 2}}}, {}});
    return name;
}

std::string ModelBuilder::reshape(const std::string& name, const std::string& in, std::vector<int64_t> shape) {
    model_.nodes.push_back({"Reshape", name, {in}, name, {{"shape", std::move(shape)}}, {}});
    return name;
}

std::string ModelBuilder::add(const std::string& name, const std::string& a, const std::string& b) {
    model_.nodes.push_back({"Add", name, {a, b}, name, {}, {}});
    return name;
}

std::string ModelBuilder::slice(const std::string& name, const std::string& in, int start, int end) {
    model_.nodes.push_back({"Slice", name, {in}, name, {{"start", int64_t{start}}, {"end", int64_t{end}}}, {}});
    return name;
}

std::string ModelBuilder::activation(const std::string& name, const std::string& in, const std::string& act) {
    model_.nodes.push_back({"Activation", name, {in}, name, {{"activation", act}}, {}});
    return name;
}

std::string ModelBuilder::sampling(const std::string& name, const std::string& mean, const std::string& logVar,
                                   int64_t seed) {
    model_.nodes.push_back({"Sampling", name, {mean, logVar}, name, {{"seed", seed}}, {}});
    return name;
}

}  // namespace aecv::train
