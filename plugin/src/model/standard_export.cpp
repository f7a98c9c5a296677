// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Export to standard ONNX ops. Per aecv node:
//   Conv -> Conv [+ activation]          ConvTranspose -> ConvTranspose [+ activation]
//   Dense -> Gemm(transB=1) [+ act.]     MaxPool -> MaxPool      Upsample -> Resize
//   Activation -> Relu | LeakyRelu | Elu | Selu | Sigmoid | Tanh | Identity
//   Add -> Add      Reshape -> Flatten(axis=1) | Reshape([0, ...])      Sampling -> Identity(mean)
//   Slice -> Slice(starts, ends, axes = [1])
// Standard ONNX has no sampling a runtime like stock OpenCV runs, so a VAE exports its mean path;
// the metadata entry "aecv_sampling:NAME" = "LOG_VAR_TENSOR SEED" lets the import put the
// Sampling node back (kSamplingKey, proto_util.hpp).
#include "model/proto_util.hpp"

namespace aecv::model {

namespace {

using Ints = std::vector<int64_t>;

class Exporter {
public:
    explicit Exporter(onnx::GraphProto& graph) : graph_(graph) {}

    void add(const Node& n) {
        if (n.op == "Conv" || n.op == "ConvTranspose") return convolution(n);
        if (n.op == "Dense") return dense(n);
        if (n.op == "MaxPool") {
            onnx::NodeProto& p = node("MaxPool", n.name, n.inputs, n.output);
            const Ints kernel = n.getInts("kernel", {2, 2});
            setAttr(p, "kernel_shape", kernel);
            setAttr(p, "strides", n.getInts("stride", kernel));
            setAttr(p, "pads", n.getInts("padding", {0, 0, 0, 0}));
            return;
        }
        if (n.op == "Upsample") return upsample(n);
        if (n.op == "Activation") return activation(n, n.inputs[0], n.output, n.name);
        if (n.op == "Add") return void(node("Add", n.name, n.inputs, n.output));
        if (n.op == "Reshape") return reshape(n);
        if (n.op == "Sampling") return void(node("Identity", n.name, {n.inputs.at(0)}, n.output));
        if (n.op == "Slice") return slice(n);
        CV_Error(cv::Error::StsNotImplemented, cv::format("node '%s': no standard ONNX form for aecv op '%s'",
                 n.name.c_str(), n.op.c_str()));
    }

private:
    onnx::NodeProto& node(const std::string& op, const std::string& name, const std::vector<std::string>& inputs,
                          const std::string& output) {
        onnx::NodeProto* p = graph_.add_node();
        p->set_op_type(op);
        p->set_name(name);
        for (const std::string& in : inputs) p->add_input(in);
        p->add_output(output);
        return *p;
    }

    // Inputs of a weighted node: its data input, then its weights as initializers.
    std::vector<std::string> withWeights(const Node& n) {
        std::vector<std::string> inputs = n.inputs;
        static const char* suffix[] = {".weight", ".bias"};
        for (size_t i = 0; i < n.weights.size(); ++i) {
            const std::string name = n.name + suffix[i];
            const ops::Shape shape = i == 1 ? ops::Shape{static_cast<int>(n.weights[i].total())}
                                            : ops::shapeOf(n.weights[i]);
            addInitializer(graph_, name, n.weights[i], shape);
            inputs.push_back(name);
        }
        return inputs;
    }

    // The weighted op writes `output` directly, or a pre-activation the activation node reads.
    std::string preActivation(const Node& n) {
        return n.getString("activation", "identity") == "identity" ? n.output : n.output + "/preact";
    }

    void convolution(const Node& n) {
        const std::string pre = preActivation(n);
        onnx::NodeProto& p = node(n.op, n.name, withWeights(n), pre);
        const cv::Mat& w = n.weights.at(0);
        setAttr(p, "kernel_shape", Ints{w.size[2], w.size[3]});
        setAttr(p, "strides", n.getInts("stride", {1, 1}));
        setAttr(p, "pads", n.getInts("padding", {0, 0, 0, 0}));
        setAttr(p, "dilations", n.getInts("dilation", {1, 1}));
        setAttr(p, "group", n.getInt("groups", 1));
        if (n.op == "ConvTranspose") setAttr(p, "output_padding", n.getInts("output_padding", {0, 0}));
        if (pre != n.output) activation(n, pre, n.output, n.name + "/act");
    }

    void dense(const Node& n) {
        const std::string pre = preActivation(n);
        onnx::NodeProto& p = node("Gemm", n.name, withWeights(n), pre);
        setAttr(p, "transB", int64_t{1});
        if (pre != n.output) activation(n, pre, n.output, n.name + "/act");
    }

    void activation(const Node& n, const std::string& in, const std::string& out, const std::string& name) {
        const std::string act = n.getString("activation", "identity");
        const float alpha = n.getFloat("alpha", -1.f);
        static const std::map<std::string, std::string> kOps = {
            {"identity", "Identity"}, {"relu", "Relu"}, {"leaky_relu", "LeakyRelu"}, {"elu", "Elu"},
            {"selu", "Selu"}, {"sigmoid", "Sigmoid"}, {"tanh", "Tanh"}};
        auto it = kOps.find(act);
        if (it == kOps.end())
            CV_Error(cv::Error::StsBadArg, cv::format("node '%s': unknown activation '%s'", n.name.c_str(), act.c_str()));
        onnx::NodeProto& p = node(it->second, name, {in}, out);
        if (act == "leaky_relu") setAttr(p, "alpha", alpha < 0 ? 0.01f : alpha);
        if (act == "elu") setAttr(p, "alpha", alpha < 0 ? 1.f : alpha);
    }

    void upsample(const Node& n) {
        const Ints scale = n.getInts("scale", {2, 2});
        const std::string scalesName = n.name + ".scales";
        const float scales[] = {1.f, 1.f, static_cast<float>(scale[0]), static_cast<float>(scale[1])};
        addInitializer(graph_, scalesName, cv::Mat(1, 4, CV_32F, const_cast<float*>(scales)), {4});
        onnx::NodeProto& p = node("Resize", n.name, {n.inputs.at(0), "", scalesName}, n.output);
        if (n.getString("mode", "nearest") == "nearest") {
            setAttr(p, "mode", std::string("nearest"));
            setAttr(p, "coordinate_transformation_mode", std::string("asymmetric"));
            setAttr(p, "nearest_mode", std::string("floor"));
        } else {
            setAttr(p, "mode", std::string("linear"));
            setAttr(p, "coordinate_transformation_mode", std::string("half_pixel"));
        }
    }

    void reshape(const Node& n) {
        const Ints shape = n.getInts("shape", {-1});
        if (shape.size() == 1) {
            setAttr(node("Flatten", n.name, n.inputs, n.output), "axis", int64_t{1});
            return;
        }
        onnx::TensorProto* t = graph_.add_initializer();
        t->set_name(n.name + ".shape");
        t->set_data_type(onnx::TensorProto::INT64);
        t->add_dims(static_cast<int64_t>(shape.size() + 1));
        t->add_int64_data(0);  // keep the batch size
        for (int64_t d : shape) t->add_int64_data(d);
        node("Reshape", n.name, {n.inputs.at(0), t->name()}, n.output);
    }

    // Slice (opset 10+): starts, ends and axes are int64 inputs.
    void slice(const Node& n) {
        std::vector<std::string> inputs = n.inputs;
        for (const auto& [suffix, value] : {std::pair<const char*, int64_t>{".starts", n.getInt("start", 0)},
                                            {".ends", n.getInt("end", 1)}, {".axes", 1}}) {
            onnx::TensorProto* t = graph_.add_initializer();
            t->set_name(n.name + suffix);
            t->set_data_type(onnx::TensorProto::INT64);
            t->add_dims(1);
            t->add_int64_data(value);
            inputs.push_back(t->name());
        }
        node("Slice", n.name, inputs, n.output);
    }

    onnx::GraphProto& graph_;
};

onnx::ModelProto standardProto(const Model& m) {
    onnx::ModelProto proto = newModelProto(m, "");
    onnx::GraphProto& graph = *proto.mutable_graph();
    addGraphInputOutputs(graph, m);
    Exporter exporter(graph);
    for (const Node& n : m.nodes) {
        exporter.add(n);
        if (n.op != "Sampling") continue;
        onnx::StringStringEntryProto* p = proto.add_metadata_props();
        p->set_key(kSamplingKey + n.name);
        p->set_value(n.inputs.at(1) + " " + std::to_string(n.getInt("seed", 0)));
    }
    return proto;
}

}  // namespace

void writeStandardOnnx(const Model& m, const std::string& path) { checkAndWrite(standardProto(m), path); }

std::string toStandardOnnxBytes(const Model& m) { return checkedBytes(standardProto(m), "the standard-ONNX export"); }

}  // namespace aecv::model
