// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/add.hpp"

namespace aecv::ops {

Shape Add::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 2);
    if (inputs[0] != inputs[1])
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Add inputs have shapes %s and %s; expected equal shapes",
                 toString(inputs[0]).c_str(), toString(inputs[1]).c_str()));
    return inputs[0];
}

void Add::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase) {
    const Shape s = outputShape(inputShapes(inputs));
    auto [it, added] = plans_.try_emplace(s);
    Plan& p = it->second;
    if (added) {
        const dnnl::memory::desc md = plainDesc(s);
        p.add = dnnl::binary(dnnl::binary::primitive_desc({dnnl::algorithm::binary_add, md, md, md}, cpuEngine()));
        p.a = dnnl::memory(md, cpuEngine(), DNNL_MEMORY_NONE);
        p.b = dnnl::memory(md, cpuEngine(), DNNL_MEMORY_NONE);
        p.dst = dnnl::memory(md, cpuEngine(), DNNL_MEMORY_NONE);
        p.args = {{DNNL_ARG_SRC_0, p.a}, {DNNL_ARG_SRC_1, p.b}, {DNNL_ARG_DST, p.dst}};
    }
    ensureTensor(output, s);
    p.a.set_data_handle(inputs[0].data);
    p.b.set_data_handle(inputs[1].data);
    p.dst.set_data_handle(output.data);
    p.add.execute(cpuStream(), p.args);
    cpuStream().wait();
}

void Add::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                   std::vector<cv::Mat>& dInputs) {
    outputShape(inputShapes(inputs));
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    CV_Assert(dInputs.size() == 2);
    for (cv::Mat& d : dInputs) dOutput.copyTo(d);
}

}  // namespace aecv::ops
