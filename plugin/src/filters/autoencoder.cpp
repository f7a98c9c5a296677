// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include <aecv/aecv.hpp>
#include <aecv/autoencoder.hpp>

#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

#include "model/graph.hpp"
#include "model/split.hpp"

namespace aecv {

struct Autoencoder::State {
    model::Model model;
    cv::dnn::Net net;
    std::string code;          // what encode() returns
    std::string decoderInput;  // where decode() starts: z for a VAE, else the code
    bool variational = false;
    cv::dnn::Net decoder;      // built on first decode()
};

Autoencoder::Autoencoder() = default;
Autoencoder::Autoencoder(const std::string& path) { readModel(path); }
Autoencoder::~Autoencoder() = default;
Autoencoder::Autoencoder(Autoencoder&&) noexcept = default;
Autoencoder& Autoencoder::operator=(Autoencoder&&) noexcept = default;

void Autoencoder::readModel(const std::string& path) {
    registerLayers();
    auto s = std::make_unique<State>();
    s->model = model::readOnnx(path);
    s->net = model::loadNet(s->model);
    s->code = s->model.metadata.count("code") ? s->model.metadata.at("code") : "";
    s->variational = std::any_of(s->model.nodes.begin(), s->model.nodes.end(),
                                 [](const model::Node& n) { return n.op == "Sampling"; });
    state_ = std::move(s);
}

bool Autoencoder::empty() const { return !state_; }

Autoencoder::State& Autoencoder::loaded(const char* what) const {
    if (!state_) CV_Error(cv::Error::StsError, cv::format("Autoencoder::%s: no model; call readModel() first", what));
    return *state_;
}

std::string Autoencoder::metadata(const std::string& key) const {
    if (!state_) return "";
    auto it = state_->model.metadata.find(key);
    return it == state_->model.metadata.end() ? "" : it->second;
}

std::vector<int> Autoencoder::inputShape() const { return loaded("inputShape").model.inputShape; }

namespace {

cv::Mat requireBlob(cv::InputArray in, const char* what) {
    const cv::Mat m = in.getMat();
    if (m.empty()) CV_Error(cv::Error::StsBadArg, cv::format("Autoencoder::%s: the input is empty", what));
    if (m.type() != CV_32F)
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("Autoencoder::%s: the input has type %s; expected a "
                 "CV_32F blob (see cv::dnn::blobFromImages)", what, cv::typeToString(m.type()).c_str()));
    return m;
}

}  // namespace

cv::Mat Autoencoder::encode(cv::InputArray blob) {
    State& s = loaded("encode");
    if (s.code.empty()) CV_Error(cv::Error::StsBadArg, "Autoencoder::encode: the model's metadata names no code tensor");
    s.net.setInput(requireBlob(blob, "encode"));
    return s.net.forward(s.code).clone();
}

cv::Mat Autoencoder::decode(cv::InputArray codes) {
    State& s = loaded("decode");
    if (s.decoder.empty()) {
        s.decoder = model::loadNet(model::decoderOf(s.model, model::decoderInput(s.model)));
    }
    s.decoder.setInput(requireBlob(codes, "decode"));
    return s.decoder.forward().clone();
}

cv::Mat Autoencoder::reconstruct(cv::InputArray blob) {
    State& s = loaded("reconstruct");
    s.net.setInput(requireBlob(blob, "reconstruct"));
    return s.net.forward().clone();
}

cv::Mat Autoencoder::sample(int n, uint64_t seed) {
    State& s = loaded("sample");
    if (!s.variational)
        CV_Error(cv::Error::StsBadArg, cv::format("Autoencoder::sample: the model (task '%s') is not variational; "
                 "sampling needs a VAE", metadata("task").c_str()));
    if (n < 1) CV_Error(cv::Error::StsOutOfRange, cv::format("Autoencoder::sample: n is %d; expected >= 1", n));
    ops::Shape shape = model::inferShapes(s.model, model::concreteInputShape(s.model)).at(model::decoderInput(s.model));
    shape[0] = n;
    cv::Mat z = ops::makeTensor(shape);
    cv::RNG(seed).fill(z, cv::RNG::NORMAL, 0.0, 1.0);
    return decode(z);
}

cv::Mat Autoencoder::interpolate(cv::InputArray codeA, cv::InputArray codeB, int steps) {
    loaded("interpolate");
    if (steps < 2) CV_Error(cv::Error::StsOutOfRange, cv::format("Autoencoder::interpolate: steps is %d; expected >= 2", steps));
    const cv::Mat a = requireBlob(codeA, "interpolate"), b = requireBlob(codeB, "interpolate");
    if (a.total() != b.total() || a.size[0] != 1)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Autoencoder::interpolate: codes have shapes %s and %s; "
                 "expected one code each, of equal shape", ops::toString(ops::shapeOf(a)).c_str(),
                 ops::toString(ops::shapeOf(b)).c_str()));
    ops::Shape shape = ops::shapeOf(a);
    shape[0] = steps;
    cv::Mat codes = ops::makeTensor(shape);
    const cv::Mat flatA = a.reshape(1, 1), flatB = b.reshape(1, 1), rows = codes.reshape(1, steps);
    for (int i = 0; i < steps; ++i) {
        const double t = static_cast<double>(i) / (steps - 1);
        cv::addWeighted(flatA, 1.0 - t, flatB, t, 0.0, rows.row(i));
    }
    return decode(codes);
}

cv::Mat Autoencoder::decodeGrid(int side, double range) {
    State& s = loaded("decodeGrid");
    const ops::Shape code = model::inferShapes(s.model, model::concreteInputShape(s.model)).at(model::decoderInput(s.model));
    if (code.size() != 2 || code[1] != 2)
        CV_Error(cv::Error::StsBadArg, cv::format("Autoencoder::decodeGrid: the code has shape %s; expected a 2-D "
                 "code [N, 2]", ops::toString(code).c_str()));
    if (side < 2 || side > 1000)
        CV_Error(cv::Error::StsOutOfRange, cv::format("Autoencoder::decodeGrid: side is %d; expected 2..1000", side));
    if (!(range > 0)) CV_Error(cv::Error::StsOutOfRange, cv::format("Autoencoder::decodeGrid: range is %g; expected > 0", range));
    cv::Mat grid = ops::makeTensor({side * side, 2});
    for (int i = 0; i < side; ++i)
        for (int j = 0; j < side; ++j) {
            float* z = grid.ptr<float>(i * side + j);
            z[0] = static_cast<float>(-range + 2 * range * j / (side - 1));
            z[1] = static_cast<float>(range - 2 * range * i / (side - 1));
        }
    return decode(grid);
}

cv::Mat imageGrid(cv::InputArray blobArray, int columns, int scale) {
    const cv::Mat batch = blobArray.getMat();
    if (batch.dims != 4 || batch.type() != CV_32F || (batch.size[1] != 1 && batch.size[1] != 3))
        CV_Error(cv::Error::StsBadArg, cv::format("imageGrid: the blob has shape %s and type %s; expected CV_32F "
                 "[N, 1 or 3, H, W]", ops::toString(ops::shapeOf(batch)).c_str(), cv::typeToString(batch.type()).c_str()));
    if (columns < 1 || scale < 1)
        CV_Error(cv::Error::StsOutOfRange, cv::format("imageGrid: columns %d, scale %d; expected both >= 1", columns, scale));
    const int n = batch.size[0], c = batch.size[1], h = batch.size[2], w = batch.size[3];
    const int rows = (n + columns - 1) / columns;
    cv::Mat grid(rows * h * scale, std::min(n, columns) * w * scale, CV_MAKETYPE(CV_8U, c), cv::Scalar::all(0));
    std::vector<cv::Mat> planes(static_cast<size_t>(c));
    cv::Mat merged, bytes;
    for (int i = 0; i < n; ++i) {
        for (int ch = 0; ch < c; ++ch) planes[static_cast<size_t>(ch)] = cv::Mat(h, w, CV_32F, const_cast<float*>(batch.ptr<float>(i, ch)));
        cv::merge(planes, merged);
        merged.convertTo(bytes, CV_MAKETYPE(CV_8U, c), 255.0);
        cv::resize(bytes, grid(cv::Rect((i % columns) * w * scale, (i / columns) * h * scale, w * scale, h * scale)),
                   {w * scale, h * scale}, 0, 0, cv::INTER_NEAREST);
    }
    return grid;
}

}  // namespace aecv
