// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "model/proto_util.hpp"

#include <onnx/checker.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <limits>

#include <aecv/version.hpp>

#include "model/atomic_file.hpp"
#include "model/graph.hpp"

namespace aecv::model {

onnx::ModelProto newModelProto(const Model& m, const std::string& customDomain) {
    onnx::ModelProto proto;
    proto.set_ir_version(onnx::IR_VERSION);
    proto.set_producer_name("aecv");
    proto.set_producer_version(AECV_VERSION_STRING);
    onnx::OperatorSetIdProto* std = proto.add_opset_import();
    std->set_domain("");
    std->set_version(13);
    if (!customDomain.empty()) {
        onnx::OperatorSetIdProto* custom = proto.add_opset_import();
        custom->set_domain(customDomain);
        custom->set_version(1);
    }
    for (const auto& [key, value] : m.metadata) {
        onnx::StringStringEntryProto* p = proto.add_metadata_props();
        p->set_key(key);
        p->set_value(value);
    }
    proto.mutable_graph()->set_name(m.metadata.count("task") ? "aecv_" + m.metadata.at("task") : "aecv");
    return proto;
}

void setAttr(onnx::NodeProto& node, const std::string& key, const Attr& value) {
    onnx::AttributeProto* a = node.add_attribute();
    a->set_name(key);
    if (const auto* i = std::get_if<int64_t>(&value)) {
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(*i);
    } else if (const auto* f = std::get_if<float>(&value)) {
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(*f);
    } else if (const auto* s = std::get_if<std::string>(&value)) {
        a->set_type(onnx::AttributeProto::STRING);
        a->set_s(*s);
    } else {
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t v : std::get<std::vector<int64_t>>(value)) a->add_ints(v);
    }
}

void addInitializer(onnx::GraphProto& graph, const std::string& name, const cv::Mat& tensor, const ops::Shape& shape) {
    CV_Assert(tensor.depth() == CV_32F && tensor.isContinuous() && tensor.total() == ops::elementCount(shape));
    onnx::TensorProto* t = graph.add_initializer();
    t->set_name(name);
    t->set_data_type(onnx::TensorProto::FLOAT);
    for (int d : shape) t->add_dims(d);
    t->set_raw_data(tensor.data, tensor.total() * sizeof(float));
}

void addGraphInputOutputs(onnx::GraphProto& graph, const Model& m) {
    onnx::ValueInfoProto* in = graph.add_input();
    in->set_name(m.input);
    onnx::TypeProto_Tensor* type = in->mutable_type()->mutable_tensor_type();
    type->set_elem_type(onnx::TensorProto::FLOAT);
    for (int d : m.inputShape) type->mutable_shape()->add_dim()->set_dim_value(d);
    validate(m, "model '" + graph.name() + "'");
    const auto shapes = inferShapes(m, concreteInputShape(m));
    // The main output goes last: cv::dnn::Net::forward() without names returns the last one.
    std::vector<std::string> order(m.outputs.begin() + 1, m.outputs.end());
    order.push_back(m.outputs.front());
    for (const std::string& name : order) {
        onnx::ValueInfoProto* out = graph.add_output();
        out->set_name(name);
        onnx::TypeProto_Tensor* t = out->mutable_type()->mutable_tensor_type();
        t->set_elem_type(onnx::TensorProto::FLOAT);
        const ops::Shape& s = shapes.at(name);
        t->mutable_shape()->add_dim()->set_dim_param("batch");
        for (size_t i = 1; i < s.size(); ++i) t->mutable_shape()->add_dim()->set_dim_value(s[i]);
    }
}

size_t checkedElementCount(const onnx::TensorProto& t, const std::string& where) {
    const bool isFloat = t.data_type() == onnx::TensorProto::FLOAT;
    if (!isFloat && t.data_type() != onnx::TensorProto::INT64)
        CV_Error(cv::Error::StsUnsupportedFormat, cv::format("%s: tensor '%s' has ONNX data type %d; expected FLOAT (1) "
                 "or INT64 (7)", where.c_str(), t.name().c_str(), t.data_type()));
    constexpr int64_t kMaxDim = std::numeric_limits<int>::max();
    size_t count = 1;
    for (int64_t d : t.dims()) {
        if (d < 0 || d > kMaxDim)
            CV_Error(cv::Error::StsBadSize, cv::format("%s: tensor '%s' has dimension %lld; expected 0..%lld",
                     where.c_str(), t.name().c_str(), static_cast<long long>(d), static_cast<long long>(kMaxDim)));
        if (d != 0 && count > static_cast<size_t>(kMaxDim) / static_cast<size_t>(d))
            CV_Error(cv::Error::StsBadSize, cv::format("%s: tensor '%s' has more than %lld elements",
                     where.c_str(), t.name().c_str(), static_cast<long long>(kMaxDim)));
        count *= static_cast<size_t>(d);
    }
    const size_t elementSize = isFloat ? sizeof(float) : sizeof(int64_t);
    if (t.has_raw_data()) {
        if (t.raw_data().size() != count * elementSize)
            CV_Error(cv::Error::StsBadSize, cv::format("%s: tensor '%s' holds %zu bytes; its dimensions need %zu",
                     where.c_str(), t.name().c_str(), t.raw_data().size(), count * elementSize));
    } else {
        const size_t held = static_cast<size_t>(isFloat ? t.float_data_size() : t.int64_data_size());
        if (held != count)
            CV_Error(cv::Error::StsBadSize, cv::format("%s: tensor '%s' holds %zu values; its dimensions need %zu",
                     where.c_str(), t.name().c_str(), held, count));
    }
    return count;
}

std::string readFileBytes(const std::string& path, const char* what) {
    // POSIX calls, so the error is errno's ("Is a directory", "Permission denied"), not a stream's.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st {};
    int error = fd < 0 ? errno : ::fstat(fd, &st) != 0 ? errno : S_ISDIR(st.st_mode) ? EISDIR : 0;
    std::string bytes;
    if (error == 0) {
        bytes.resize(static_cast<size_t>(st.st_size));
        size_t done = 0;
        while (done < bytes.size()) {
            const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
            if (n < 0 && errno == EINTR) continue;
            if (n < 0) error = errno;
            if (n <= 0) break;
            done += static_cast<size_t>(n);
        }
        bytes.resize(done);
    }
    if (fd >= 0) ::close(fd);
    if (error != 0)
        CV_Error(cv::Error::StsError, cv::format("cannot open %s '%s': %s", what, path.c_str(), std::strerror(error)));
    return bytes;
}

onnx::ModelProto parseModelProto(const std::string& bytes, const std::string& name) {
    onnx::ModelProto proto;
    if (bytes.size() > static_cast<size_t>(std::numeric_limits<int>::max()) ||
        !proto.ParseFromArray(bytes.data(), static_cast<int>(bytes.size())))
        CV_Error(cv::Error::StsParseError, cv::format("'%s' is not a valid ONNX file (truncated or corrupt)",
                 name.c_str()));
    return proto;
}

void mainOutputFirst(std::vector<std::string>& graphOutputs) {
    if (!graphOutputs.empty()) std::rotate(graphOutputs.rbegin(), graphOutputs.rbegin() + 1, graphOutputs.rend());
}

std::string checkedBytes(const onnx::ModelProto& proto, const std::string& path) {
    try {
        onnx::checker::check_model(proto);
    } catch (const std::exception& e) {
        CV_Error(cv::Error::StsError, cv::format("the model for '%s' fails the ONNX checker: %s", path.c_str(),
                 e.what()));
    }
    std::string bytes;
    if (!proto.SerializeToString(&bytes))
        CV_Error(cv::Error::StsError, cv::format("cannot serialize the model for '%s'", path.c_str()));
    return bytes;
}

void checkAndWrite(const onnx::ModelProto& proto, const std::string& path) {
    writeFileAtomically(path, checkedBytes(proto, path));
}

}  // namespace aecv::model
