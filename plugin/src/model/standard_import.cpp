// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Import of standard ONNX. Per node:
//   Conv, ConvTranspose -> Conv, ConvTranspose   Gemm, MatMul (constant weights) -> Dense
//   MaxPool -> MaxPool   Resize, Upsample (integer scales) -> Upsample   Add -> Add
//   Relu, LeakyRelu, Elu, Selu, Sigmoid, Tanh -> folded into the layer before, or Activation
//   Flatten(axis 1), Reshape (constant shape, batch kept) -> Reshape
//   Identity, Dropout -> removed;  Constant -> a constant tensor
//   Identity named in an "aecv_sampling:NAME" metadata entry (aecv's own export of a VAE) -> Sampling
#include <cstring>
#include <sstream>

#include "model/graph.hpp"
#include "model/proto_util.hpp"
#include "ops/activation.hpp"

namespace aecv::model {

namespace {

using Ints = std::vector<int64_t>;

const char* kSupported = "Conv, ConvTranspose, Gemm, MatMul, MaxPool, Resize, Upsample, Add, Relu, LeakyRelu, Elu, "
                         "Selu, Sigmoid, Tanh, Flatten, Reshape, Identity, Dropout, Constant";

// A constant (initializer or Constant node) as float or int64 values with its dims.
struct Constant {
    Ints dims;
    std::vector<float> floats;
    Ints ints;
};

Constant readConstant(const onnx::TensorProto& t, const std::string& where) {
    Constant c{Ints(t.dims().begin(), t.dims().end()), {}, {}};
    if (t.data_type() != onnx::TensorProto::FLOAT && t.data_type() != onnx::TensorProto::INT64)
        return c;  // no values: refused where a node needs them
    const size_t count = checkedElementCount(t, where);
    const bool raw = t.has_raw_data();
    if (t.data_type() == onnx::TensorProto::FLOAT) {
        c.floats.resize(count);
        if (raw) std::memcpy(c.floats.data(), t.raw_data().data(), count * sizeof(float));
        else std::copy(t.float_data().begin(), t.float_data().end(), c.floats.begin());
    } else {
        c.ints.resize(count);
        if (raw) std::memcpy(c.ints.data(), t.raw_data().data(), count * sizeof(int64_t));
        else std::copy(t.int64_data().begin(), t.int64_data().end(), c.ints.begin());
    }
    return c;
}

cv::Mat toMat(const Constant& c, const char* what) {
    if (c.floats.empty())
        CV_Error(cv::Error::StsBadArg, cv::format("%s must be a non-empty float tensor", what));
    ops::Shape shape(c.dims.begin(), c.dims.end());
    if (shape.empty()) shape = {1};
    if (shape.size() == 1) shape.insert(shape.begin(), 1);
    if (shape.size() > 32) CV_Error(cv::Error::StsBadSize, cv::format("%s has %zu dimensions", what, shape.size()));
    cv::Mat m = ops::makeTensor(shape);
    std::copy(c.floats.begin(), c.floats.end(), m.ptr<float>());
    return m;
}

class Importer {
public:
    explicit Importer(const onnx::ModelProto& proto) : graph_(proto.graph()) {
        for (const onnx::TensorProto& t : graph_.initializer()) constants_[t.name()] = readConstant(t, "initializer");
        for (const auto& p : proto.metadata_props()) {
            if (p.key().rfind(kSamplingKey, 0) == 0) samplings_[p.key().substr(kSamplingKey.size())] = p.value();
            else model_.metadata[p.key()] = p.value();
        }
    }

    Model run() {
        for (const onnx::ValueInfoProto& v : graph_.input()) {
            if (constants_.count(v.name())) continue;
            model_.input = v.name();
            for (const auto& d : v.type().tensor_type().shape().dim())
                model_.inputShape.push_back(d.has_dim_value() ? static_cast<int>(d.dim_value()) : -1);
            if (!model_.inputShape.empty()) model_.inputShape[0] = 1;
        }
        for (const onnx::NodeProto& n : graph_.node()) convert(n);
        for (const onnx::ValueInfoProto& v : graph_.output()) outputs_.push_back(resolve(v.name()));
        foldActivations();
        model_.outputs = outputs_;
        mainOutputFirst(model_.outputs);
        if (!model_.metadata.count("task")) model_.metadata["task"] = "autoencoder";
        return model_;
    }

private:
    [[noreturn]] void fail(const onnx::NodeProto& n, const std::string& problem) const {
        CV_Error(cv::Error::StsNotImplemented, cv::format("node '%s' (%s): %s", n.name().c_str(), n.op_type().c_str(),
                 problem.c_str()));
    }

    std::string resolve(const std::string& name) const {
        auto it = aliases_.find(name);
        return it == aliases_.end() ? name : it->second;
    }

    const onnx::AttributeProto* attr(const onnx::NodeProto& n, const char* key) const {
        for (const onnx::AttributeProto& a : n.attribute())
            if (a.name() == key) return &a;
        return nullptr;
    }
    Ints ints(const onnx::NodeProto& n, const char* key, Ints fallback) const {
        const onnx::AttributeProto* a = attr(n, key);
        return a ? Ints(a->ints().begin(), a->ints().end()) : fallback;
    }
    int64_t intAttr(const onnx::NodeProto& n, const char* key, int64_t fallback) const {
        const onnx::AttributeProto* a = attr(n, key);
        return a ? a->i() : fallback;
    }
    float floatAttr(const onnx::NodeProto& n, const char* key, float fallback) const {
        const onnx::AttributeProto* a = attr(n, key);
        return a ? a->f() : fallback;
    }
    std::string stringAttr(const onnx::NodeProto& n, const char* key, const std::string& fallback) const {
        const onnx::AttributeProto* a = attr(n, key);
        return a ? a->s() : fallback;
    }

    const std::string& input(const onnx::NodeProto& n, int i) const {
        if (n.input_size() <= i || n.input(i).empty()) fail(n, cv::format("input %d is missing", i + 1));
        return n.input(i);
    }

    const Constant& constant(const onnx::NodeProto& n, int input, const char* what) const {
        if (n.input_size() <= input || !constants_.count(n.input(input)))
            fail(n, cv::format("%s (input %d) must be a constant", what, input + 1));
        return constants_.at(n.input(input));
    }

    Node& add(const onnx::NodeProto& n, const std::string& op, std::vector<std::string> inputs) {
        Node node{op, n.name().empty() ? n.output(0) : n.name(), {}, n.output(0), {}, {}};
        for (const std::string& in : inputs) node.inputs.push_back(resolve(in));
        model_.nodes.push_back(std::move(node));
        return model_.nodes.back();
    }

    void convert(const onnx::NodeProto& n) {
        const std::string& op = n.op_type();
        if (!n.domain().empty() && n.domain() != "ai.onnx") fail(n, "custom domain '" + n.domain() + "'");
        if (n.output_size() < 1 || n.output(0).empty()) fail(n, "the node has no output");
        if (op == "Constant") {
            const onnx::AttributeProto* value = attr(n, "value");
            if (!value || !value->has_t()) fail(n, "only tensor constants are supported");
            constants_[n.output(0)] = readConstant(value->t(), "Constant node");
        } else if (op == "Identity" && samplings_.count(n.name())) {
            sampling(n, samplings_.at(n.name()));
        } else if (op == "Identity" || op == "Dropout") {
            aliases_[n.output(0)] = resolve(input(n, 0));
        } else if (op == "Conv" || op == "ConvTranspose") {
            convolution(n);
        } else if (op == "Gemm" || op == "MatMul") {
            dense(n);
        } else if (op == "MaxPool") {
            if (intAttr(n, "ceil_mode", 0) != 0) fail(n, "ceil_mode 1 is not supported");
            if (ints(n, "dilations", {1, 1}) != Ints{1, 1}) fail(n, "dilations are not supported");
            checkAutoPad(n);
            Node& node = add(n, "MaxPool", {input(n, 0)});
            const Ints kernel = ints(n, "kernel_shape", {});
            node.attrs = {{"kernel", kernel}, {"stride", ints(n, "strides", {1, 1})},
                          {"padding", ints(n, "pads", {0, 0, 0, 0})}};
        } else if (op == "Resize" || op == "Upsample") {
            upsample(n);
        } else if (op == "Add") {
            for (int i = 0; i < 2; ++i)
                if (constants_.count(input(n, i))) fail(n, "adding a constant is not supported");
            add(n, "Add", {input(n, 0), input(n, 1)});
        } else if (kActivations().count(op)) {
            Node& node = add(n, "Activation", {input(n, 0)});
            node.attrs["activation"] = kActivations().at(op);
            if (op == "LeakyRelu") node.attrs["alpha"] = floatAttr(n, "alpha", 0.01f);
            if (op == "Elu") node.attrs["alpha"] = floatAttr(n, "alpha", 1.f);
            if (op == "Selu" && (std::abs(floatAttr(n, "alpha", ops::kSeluAlpha) - ops::kSeluAlpha) > 1e-6f ||
                                 std::abs(floatAttr(n, "gamma", ops::kSeluLambda) - ops::kSeluLambda) > 1e-6f))
                fail(n, "only the standard SELU constants are supported");
        } else if (op == "Flatten") {
            if (intAttr(n, "axis", 1) != 1) fail(n, "only axis 1 is supported");
            add(n, "Reshape", {input(n, 0)}).attrs["shape"] = Ints{-1};
        } else if (op == "Reshape") {
            const Ints shape = constant(n, 1, "the shape").ints;
            if (shape.size() != 2 && shape.size() != 4) fail(n, "the target must have rank 2 or 4");
            if (shape[0] != 0 && shape[0] != -1 && shape[0] != 1) fail(n, "the batch dimension must be kept (0 or -1)");
            add(n, "Reshape", {input(n, 0)}).attrs["shape"] = Ints(shape.begin() + 1, shape.end());
        } else {
            fail(n, std::string("not supported by aecv; supported ops: ") + kSupported);
        }
    }

    static const std::map<std::string, std::string>& kActivations() {
        static const std::map<std::string, std::string> m = {{"Relu", "relu"}, {"LeakyRelu", "leaky_relu"},
                                                             {"Elu", "elu"},   {"Selu", "selu"},
                                                             {"Sigmoid", "sigmoid"}, {"Tanh", "tanh"}};
        return m;
    }

    void checkAutoPad(const onnx::NodeProto& n) const {
        const std::string pad = stringAttr(n, "auto_pad", "NOTSET");
        if (pad != "NOTSET" && pad != "VALID") fail(n, "auto_pad " + pad + " is not supported; export explicit pads");
    }

    void convolution(const onnx::NodeProto& n) {
        checkAutoPad(n);
        if (attr(n, "output_shape")) fail(n, "output_shape is not supported; export output_padding");
        Node& node = add(n, n.op_type(), {input(n, 0)});
        node.weights.push_back(toMat(constant(n, 1, "the weight"), "the weight"));
        if (node.weights[0].dims != 4) fail(n, "only 2-D convolutions are supported");
        if (n.input_size() > 2 && !n.input(2).empty()) node.weights.push_back(toMat(constant(n, 2, "the bias"), "the bias"));
        node.attrs = {{"stride", ints(n, "strides", {1, 1})}, {"padding", ints(n, "pads", {0, 0, 0, 0})},
                      {"dilation", ints(n, "dilations", {1, 1})}, {"groups", intAttr(n, "group", 1)}};
        if (n.op_type() == "ConvTranspose") node.attrs["output_padding"] = ints(n, "output_padding", {0, 0});
    }

    void dense(const onnx::NodeProto& n) {
        const bool gemm = n.op_type() == "Gemm";
        if (gemm && (intAttr(n, "transA", 0) != 0 || floatAttr(n, "alpha", 1.f) != 1.f || floatAttr(n, "beta", 1.f) != 1.f))
            fail(n, "only transA 0, alpha 1 and beta 1 are supported");
        cv::Mat w = toMat(constant(n, 1, "the weight"), "the weight");
        if (w.dims != 2) fail(n, "the weight must be a matrix");
        if (!gemm || intAttr(n, "transB", 0) == 0) w = w.t();  // aecv keeps W as [out, in]
        Node& node = add(n, "Dense", {input(n, 0)});
        node.weights.push_back(w.clone());
        if (gemm && n.input_size() > 2 && !n.input(2).empty()) {
            cv::Mat b = toMat(constant(n, 2, "the bias"), "the bias");
            if (static_cast<int>(b.total()) != w.size[0]) fail(n, "the bias must have one value per output");
            node.weights.push_back(b.reshape(1, std::vector<int>{1, w.size[0]}));
        }
    }

    // aecv's export of a VAE: the mean passed through, the log-variance tensor and the seed in the
    // metadata entry `spec`.
    void sampling(const onnx::NodeProto& n, const std::string& spec) {
        std::istringstream in(spec);
        std::string logVar;
        int64_t seed = 0;
        if (!(in >> logVar >> seed) || n.input_size() != 1)
            fail(n, "the metadata entry '" + kSamplingKey + n.name() + "' is '" + spec +
                    "'; expected 'LOG_VARIANCE_TENSOR SEED' for an Identity of the mean");
        Node& node = add(n, "Sampling", {input(n, 0), logVar});
        node.attrs = {{"seed", seed}};
    }

    void upsample(const onnx::NodeProto& n) {
        // Resize-13: X, roi, scales[, sizes]; Upsample: X, scales
        const int scalesInput = n.op_type() == "Resize" ? 2 : 1;
        if (n.op_type() == "Resize" && n.input_size() > 3 && !n.input(3).empty())
            fail(n, "sizes are not supported; export scale factors");
        const std::vector<float>& scales = constant(n, scalesInput, "scales").floats;
        if (scales.size() != 4 || scales[0] != 1.f || scales[1] != 1.f || scales[2] != std::floor(scales[2]) ||
            scales[3] != std::floor(scales[3]) || scales[2] < 1.f || scales[3] < 1.f || scales[2] > 1024.f ||
            scales[3] > 1024.f)
            fail(n, "scales must be [1, 1, sh, sw] with whole sh, sw from 1 to 1024");
        const std::string mode = stringAttr(n, "mode", "nearest");
        const std::string transform = stringAttr(n, "coordinate_transformation_mode", "half_pixel");
        Node& node = add(n, "Upsample", {input(n, 0)});
        node.attrs["scale"] = Ints{static_cast<int64_t>(scales[2]), static_cast<int64_t>(scales[3])};
        const std::string nearest = stringAttr(n, "nearest_mode", "round_prefer_floor");
        const bool halfPixel = transform == "half_pixel" || transform == "pytorch_half_pixel";
        // With whole scales both pick x[floor(i / s)], aecv's nearest.
        const bool floorNearest = (transform == "asymmetric" && nearest == "floor") ||
                                  (halfPixel && (nearest == "round_prefer_floor" || nearest == "round_prefer_ceil"));
        if (mode == "nearest" && floorNearest) {
            node.attrs["mode"] = std::string("nearest");
        } else if (mode == "linear" && (transform == "half_pixel" || transform == "pytorch_half_pixel")) {
            node.attrs["mode"] = std::string("bilinear");
        } else {
            fail(n, "mode '" + mode + "' with coordinate_transformation_mode '" + transform + "' (nearest_mode '" +
                        nearest + "') is not supported");
        }
    }

    // Activation nodes right after a weighted node that nothing else reads: fold into it.
    void foldActivations() {
        std::map<std::string, int> readers;
        for (const Node& node : model_.nodes)
            for (const std::string& in : node.inputs) ++readers[in];
        for (const std::string& out : outputs_) ++readers[out];
        std::vector<Node> folded;
        for (Node& node : model_.nodes) {
            if (node.op == "Activation" && !folded.empty()) {
                Node& prev = folded.back();
                const bool weighted = prev.op == "Conv" || prev.op == "ConvTranspose" || prev.op == "Dense";
                if (weighted && !prev.has("activation") && node.inputs[0] == prev.output && readers[prev.output] == 1) {
                    prev.attrs["activation"] = node.attrs["activation"];
                    if (node.has("alpha")) prev.attrs["alpha"] = node.attrs["alpha"];
                    prev.output = node.output;
                    continue;
                }
            }
            folded.push_back(std::move(node));
        }
        model_.nodes = std::move(folded);
    }

    const onnx::GraphProto& graph_;
    std::map<std::string, Constant> constants_;
    std::map<std::string, std::string> aliases_;
    std::map<std::string, std::string> samplings_;  // Identity node name -> "LOG_VAR SEED"
    std::vector<std::string> outputs_;
    Model model_;
};

}  // namespace

Model importStandardOnnx(const std::string& path) { return parseStandardOnnx(readFileBytes(path), path); }

Model parseStandardOnnx(const std::string& bytes, const std::string& name) {
    const std::string& path = name;
    const onnx::ModelProto proto = parseModelProto(bytes, name);
    Model m;
    try {
        m = Importer(proto).run();
    } catch (const cv::Exception& e) {
        CV_Error(e.code, cv::format("%s: %s", path.c_str(), e.err.c_str()));
    }
    validate(m, path);
    return m;
}

}  // namespace aecv::model
