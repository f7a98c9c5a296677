// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// A structure-aware mutator for ONNX model files (libFuzzer's custom mutator hook). Byte flips
// mostly break the protobuf framing or land in weights; half of the time this one parses the
// model and changes what a hostile file would change: attribute values and lengths, node wiring,
// op types, tensor dimensions, the graph input's shape, metadata, the number of nodes.
#include <onnx/onnx_pb.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <random>
#include <string>

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t maxSize);

namespace {

const char* const kOps[] = {"Conv", "ConvTranspose", "Dense", "MaxPool", "Upsample", "Activation", "Add",
                            "Reshape", "Sampling", "Slice", "Gemm", "MatMul", "Resize", "Relu", "Sigmoid", "Flatten",
                            "Identity", "Dropout", "Constant", "Selu", "LeakyRelu", "Frobnicate"};

int64_t interesting(std::mt19937_64& rng) {
    static const int64_t values[] = {0, 1, 2, 3, -1, -2, 7, 64, 1000, 65536, std::numeric_limits<int>::max(),
                                     std::numeric_limits<int>::min(), std::numeric_limits<int64_t>::max(),
                                     std::numeric_limits<int64_t>::min(), int64_t{1} << 32};
    return values[rng() % (sizeof values / sizeof values[0])];
}

template <typename T> T& pick(google::protobuf::RepeatedPtrField<T>& field, std::mt19937_64& rng) {
    return *field.Mutable(static_cast<int>(rng() % static_cast<uint64_t>(field.size())));
}

// A tensor name that exists somewhere in the graph: an input, a node output or an initializer.
std::string someTensor(onnx::GraphProto& g, std::mt19937_64& rng) {
    if (g.node_size() && rng() % 2) {
        onnx::NodeProto& n = pick(*g.mutable_node(), rng);
        if (n.output_size()) return n.output(0);
    }
    if (g.initializer_size() && rng() % 2) return pick(*g.mutable_initializer(), rng).name();
    if (g.input_size()) return pick(*g.mutable_input(), rng).name();
    return "x";
}

void mutateAttribute(onnx::NodeProto& n, std::mt19937_64& rng) {
    if (!n.attribute_size() || rng() % 5 == 0) {  // a new one, maybe with a known name
        static const char* const names[] = {"stride", "padding", "kernel", "groups", "dilation", "scale", "shape",
                                            "activation", "alpha", "mode", "output_padding", "seed", "strides",
                                            "pads", "kernel_shape", "group", "transB", "axis", "value"};
        onnx::AttributeProto* a = n.add_attribute();
        a->set_name(names[rng() % (sizeof names / sizeof names[0])]);
        a->set_type(onnx::AttributeProto::INTS);
        for (uint64_t i = rng() % 5; i > 0; --i) a->add_ints(interesting(rng));
        return;
    }
    onnx::AttributeProto& a = pick(*n.mutable_attribute(), rng);
    switch (rng() % 6) {
    case 0: a.set_i(interesting(rng)); a.set_type(onnx::AttributeProto::INT); break;
    case 1:
        if (a.ints_size()) a.set_ints(static_cast<int>(rng() % static_cast<uint64_t>(a.ints_size())), interesting(rng));
        else a.add_ints(interesting(rng));
        break;
    case 2: if (a.ints_size()) a.mutable_ints()->RemoveLast(); else a.add_ints(interesting(rng)); break;
    case 3: a.add_ints(interesting(rng)); break;
    case 4: a.set_f(static_cast<float>(interesting(rng)) * (rng() % 2 ? 1e-3f : 1e3f)); break;
    default: a.set_type(static_cast<onnx::AttributeProto::AttributeType>(rng() % 12)); break;
    }
}

void mutateDims(google::protobuf::RepeatedField<int64_t>& dims, std::mt19937_64& rng) {
    if (dims.empty() || rng() % 4 == 0) {
        dims.Add(interesting(rng));
    } else if (rng() % 3 == 0 && dims.size() > 1) {  // same element count, other shape
        const int i = static_cast<int>(rng() % static_cast<uint64_t>(dims.size()));
        const int j = static_cast<int>(rng() % static_cast<uint64_t>(dims.size()));
        std::swap(*dims.Mutable(i), *dims.Mutable(j));
    } else {
        dims.Set(static_cast<int>(rng() % static_cast<uint64_t>(dims.size())), interesting(rng));
    }
}

void mutateModel(onnx::ModelProto& m, std::mt19937_64& rng) {
    onnx::GraphProto& g = *m.mutable_graph();
    switch (rng() % 10) {
    case 0:
    case 1:
    case 2:
        if (g.node_size()) mutateAttribute(pick(*g.mutable_node(), rng), rng);
        break;
    case 3:
        if (g.node_size()) pick(*g.mutable_node(), rng).set_op_type(kOps[rng() % (sizeof kOps / sizeof kOps[0])]);
        break;
    case 4:
        if (g.node_size()) {
            onnx::NodeProto& n = pick(*g.mutable_node(), rng);
            const std::string t = someTensor(g, rng);
            if (n.input_size() && rng() % 3) n.set_input(static_cast<int>(rng() % static_cast<uint64_t>(n.input_size())), t);
            else if (rng() % 2) n.add_input(t);
            else if (n.input_size()) n.mutable_input()->RemoveLast();
        }
        break;
    case 5:
        if (g.node_size()) {
            onnx::NodeProto& n = pick(*g.mutable_node(), rng);
            if (n.output_size() && rng() % 2) n.set_output(0, someTensor(g, rng));
            else if (rng() % 2) n.add_output(someTensor(g, rng));
            else n.clear_output();
        }
        break;
    case 6:
        if (g.initializer_size()) mutateDims(*pick(*g.mutable_initializer(), rng).mutable_dims(), rng);
        break;
    case 7:
        if (g.input_size()) {
            auto* shape = pick(*g.mutable_input(), rng).mutable_type()->mutable_tensor_type()->mutable_shape();
            if (shape->dim_size() && rng() % 4) pick(*shape->mutable_dim(), rng).set_dim_value(interesting(rng));
            else if (rng() % 2) shape->add_dim()->set_dim_value(interesting(rng));
            else if (shape->dim_size()) shape->mutable_dim()->RemoveLast();
        }
        break;
    case 8:
        if (g.node_size() > 1 && rng() % 2) {  // drop a node, or repeat one
            g.mutable_node()->SwapElements(static_cast<int>(rng() % static_cast<uint64_t>(g.node_size())), g.node_size() - 1);
            g.mutable_node()->RemoveLast();
        } else if (g.node_size()) {
            *g.add_node() = g.node(static_cast<int>(rng() % static_cast<uint64_t>(g.node_size())));
        }
        break;
    default: {
        onnx::StringStringEntryProto* p = m.metadata_props_size() && rng() % 2 ? &pick(*m.mutable_metadata_props(), rng)
                                                                              : m.add_metadata_props();
        static const char* const keys[] = {"code", "task", "size_multiple"};
        if (rng() % 2) p->set_key(keys[rng() % 3]);
        p->set_value(rng() % 2 ? someTensor(g, rng) : std::to_string(interesting(rng)));
        break;
    }
    }
}

}  // namespace

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t maxSize, unsigned int seed) {
    std::mt19937_64 rng(seed);
    onnx::ModelProto m;
    if (rng() % 2 == 0 || !m.ParseFromArray(data, static_cast<int>(size))) return LLVMFuzzerMutate(data, size, maxSize);
    for (uint64_t k = 1 + rng() % 3; k > 0; --k) mutateModel(m, rng);
    const std::string bytes = m.SerializeAsString();
    if (bytes.size() > maxSize) return LLVMFuzzerMutate(data, size, maxSize);
    std::memcpy(data, bytes.data(), bytes.size());
    return bytes.size();
}
