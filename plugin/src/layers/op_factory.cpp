// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The node types, their attributes and weights:
//   aecv.Conv           W [OC, C/groups, KH, KW], optional b [OC]; stride, padding [t, l, b, r],
//                       dilation, groups, activation, alpha
//   aecv.ConvTranspose  W [C, OC/groups, KH, KW], optional b [OC]; as Conv, and output_padding [h, w]
//   aecv.Dense          x [N, IC], W [OC, IC], optional b [OC]; activation, alpha
//   aecv.MaxPool        kernel, stride, padding
//   aecv.Upsample       scale [h, w], mode "nearest" | "bilinear"
//   aecv.Activation     activation, alpha (in place)
//   aecv.Add            two inputs
//   aecv.Reshape        shape (batch excluded; one -1 allowed) (in place)
//   aecv.Sampling       inputs mean, log-variance; outputs the mean at inference; seed
//   aecv.Slice          start, end: channels [start, end)
#include "layers/op_factory.hpp"

#include <algorithm>

#include "layers/params.hpp"
#include "ops/activation.hpp"
#include "ops/add.hpp"
#include "ops/conv2d.hpp"
#include "ops/conv_transpose2d.hpp"
#include "ops/dense.hpp"
#include "ops/max_pool.hpp"
#include "ops/reshape.hpp"
#include "ops/sampling.hpp"
#include "ops/slice.hpp"
#include "ops/upsample.hpp"

namespace aecv::layers {

namespace {

using Params = cv::dnn::LayerParams;

// The weight blob with `dims` dimensions (its layout named in `layout` for the error).
const cv::Mat& weightBlob(const Params& p, int dims, const char* layout) {
    const cv::Mat& w = blob(p, 0, "weight");
    if (w.dims != dims)
        CV_Error(cv::Error::StsBadSize, cv::format("weight has %d dimensions; expected %d %s", w.dims, dims, layout));
    return w;
}

// Points the op's weight and bias at blobs 0 and 1 (no copy), checking their shapes.
template <class WeightedOp>
std::unique_ptr<ops::Op> bound(std::unique_ptr<WeightedOp> op, const Params& p) {
    const ops::Shape expected = ops::shapeOf(op->weight().value);
    const cv::Mat& w = p.blobs.at(0);
    if (ops::shapeOf(w) != expected)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("weight has shape %s; expected %s",
                 ops::toString(ops::shapeOf(w)).c_str(), ops::toString(expected).c_str()));
    op->weight().value = w;
    if (op->hasBias()) {
        const cv::Mat& b = p.blobs.at(1);
        const int outputs = static_cast<int>(op->bias().value.total());
        if (static_cast<int>(b.total()) != outputs || b.depth() != CV_32F)
            CV_Error(cv::Error::StsUnmatchedSizes, cv::format("bias has %zu values; expected %d", b.total(), outputs));
        op->bias().value = b.reshape(1, std::vector<int>{1, outputs});
    }
    op->weightsChanged();
    return op;
}

std::unique_ptr<ops::Op> conv(const Params& p) {
    const cv::Mat& w = weightBlob(p, 4, "[OC, C/groups, KH, KW]");
    ops::Conv2DConfig c;
    c.groups = groups(p);
    c.outChannels = w.size[0];
    c.inChannels = ops::checkedDim(int64_t{w.size[1]} * c.groups, "Conv", "input channel count");
    c.window = window(p, w.size[2], w.size[3]);
    c.bias = p.blobs.size() > 1;
    c.activation = activation(p);
    return bound(std::make_unique<ops::Conv2D>(c), p);
}

std::unique_ptr<ops::Op> convTranspose(const Params& p) {
    const cv::Mat& w = weightBlob(p, 4, "[C, OC/groups, KH, KW]");
    ops::ConvTranspose2DConfig c;
    c.groups = groups(p);
    c.inChannels = w.size[0];
    c.outChannels = ops::checkedDim(int64_t{w.size[1]} * c.groups, "ConvTranspose", "output channel count");
    c.window = window(p, w.size[2], w.size[3]);
    const auto outPad = intPair(p, "output_padding", {0, 0});
    c.outputPaddingH = outPad[0];
    c.outputPaddingW = outPad[1];
    c.bias = p.blobs.size() > 1;
    c.activation = activation(p);
    return bound(std::make_unique<ops::ConvTranspose2D>(c), p);
}

std::unique_ptr<ops::Op> dense(const Params& p) {
    const cv::Mat& w = weightBlob(p, 2, "[OC, IC]");
    ops::DenseConfig c;
    c.outFeatures = w.size[0];
    c.inFeatures = w.size[1];
    c.bias = p.blobs.size() > 1;
    c.activation = activation(p);
    return bound(std::make_unique<ops::Dense>(c), p);
}

std::unique_ptr<ops::Op> maxPool(const Params& p) {
    const auto kernel = intPair(p, "kernel", {2, 2});
    ops::MaxPoolConfig c;
    c.window = window(p, kernel[0], kernel[1]);
    if (!p.has("stride")) {
        c.window.strideH = kernel[0];
        c.window.strideW = kernel[1];
    }
    return std::make_unique<ops::MaxPool>(c);
}

std::unique_ptr<ops::Op> upsample(const Params& p) {
    const auto scale = intPair(p, "scale", {2, 2});
    const std::string mode = p.get<std::string>("mode", "nearest");
    if (mode != "nearest" && mode != "bilinear")
        CV_Error(cv::Error::StsBadArg, cv::format("attribute 'mode' is '%s'; expected nearest or bilinear", mode.c_str()));
    const ops::UpsampleMode m = mode == "nearest" ? ops::UpsampleMode::Nearest : ops::UpsampleMode::Bilinear;
    return std::make_unique<ops::Upsample>(ops::UpsampleConfig{scale[0], scale[1], m});
}

std::unique_ptr<ops::Op> activationOp(const Params& p) {
    if (!p.has("activation")) CV_Error(cv::Error::StsBadArg, "missing attribute 'activation'");
    return std::make_unique<ops::ActivationOp>(activation(p));
}

std::unique_ptr<ops::Op> add(const Params&) { return std::make_unique<ops::Add>(); }

std::unique_ptr<ops::Op> reshape(const Params& p) {
    if (!p.has("shape")) CV_Error(cv::Error::StsBadArg, "missing attribute 'shape'");
    const cv::dnn::DictValue& v = p.get("shape");
    ops::ReshapeConfig c;
    c.shape.clear();
    for (int i = 0; i < v.size(); ++i) c.shape.push_back(v.get<int>(i));
    return std::make_unique<ops::Reshape>(c);
}

std::unique_ptr<ops::Op> sampling(const Params& p) {
    return std::make_unique<ops::Sampling>(static_cast<uint64_t>(p.get<int>("seed", 42)));
}

std::unique_ptr<ops::Op> slice(const Params& p) {
    for (const char* key : {"start", "end"})
        if (!p.has(key)) CV_Error(cv::Error::StsBadArg, cv::format("missing attribute '%s'", key));
    return std::make_unique<ops::Slice>(ops::SliceConfig{p.get<int>("start"), p.get<int>("end")});
}

struct Entry {
    const char* type;
    std::unique_ptr<ops::Op> (*make)(const Params&);
    bool inPlace;
};

const Entry kOps[] = {
    {"aecv.Conv",          &conv,          false},
    {"aecv.ConvTranspose", &convTranspose, false},
    {"aecv.Dense",         &dense,         false},
    {"aecv.MaxPool",       &maxPool,       false},
    {"aecv.Upsample",      &upsample,      false},
    {"aecv.Activation",    &activationOp,  true},
    {"aecv.Add",           &add,           false},
    {"aecv.Reshape",       &reshape,       true},
    {"aecv.Sampling",      &sampling,      false},
    {"aecv.Slice",         &slice,         false},
};

const Entry* find(const std::string& type) {
    auto it = std::find_if(std::begin(kOps), std::end(kOps), [&](const Entry& e) { return type == e.type; });
    return it == std::end(kOps) ? nullptr : it;
}

}  // namespace

std::unique_ptr<ops::Op> makeOp(const cv::dnn::LayerParams& params) {
    const Entry* entry = find(params.type);
    if (!entry) {
        const std::string op = params.type.rfind("aecv.", 0) == 0 ? params.type.substr(5) : params.type;
        CV_Error(cv::Error::StsNotImplemented, cv::format("unknown aecv op '%s'", op.c_str()));
    }
    try {
        return entry->make(params);
    } catch (const cv::Exception& e) {
        CV_Error(e.code, cv::format("%s node '%s': %s", params.type.c_str(), params.name.c_str(), e.err.c_str()));
    }
}

bool runsInPlace(const std::string& type) {
    const Entry* e = find(type);
    return e && e->inPlace;
}

std::vector<std::string> opTypes() {
    std::vector<std::string> types;
    for (const Entry& e : kOps) types.emplace_back(e.type);
    return types;
}

ops::Shape checkedOutputShape(const ops::Op& op, const std::string& type, const std::string& name,
                              const std::vector<ops::Shape>& inputs) {
    if (static_cast<int>(inputs.size()) != op.inputCount())
        CV_Error(cv::Error::StsBadArg, cv::format("%s node '%s' has %zu inputs; expected %d", type.c_str(),
                 name.c_str(), inputs.size(), op.inputCount()));
    try {
        ops::Shape out = op.outputShape(inputs);
        ops::requireSizeable(out, "the output");
        return out;
    } catch (const cv::Exception& e) {
        CV_Error(e.code, cv::format("%s node '%s': %s", type.c_str(), name.c_str(), e.err.c_str()));
    }
}

}  // namespace aecv::layers
