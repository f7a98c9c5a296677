// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/add.hpp"

#include <optional>

#include "ops/bridge.hpp"

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

namespace {

class AddStep final : public ChainStep {
public:
    AddStep(const dnnl::memory::desc& a, const dnnl::memory::desc& b, bool overwrite) {
        using dt = dnnl::memory::data_type;
        const bool f32 = a.data_type() == dt::f32 || b.data_type() == dt::f32;
        dnnl::memory::desc common = a;
        common.data.data_type = static_cast<dnnl_data_type_t>(f32 ? dt::f32 : a.data_type());
        if (!(a == common)) {
            toCommonA_ = makeReorder(a, common);
            commonA_ = dnnl::memory(common, cpuEngine());
        }
        if (!(b == common)) {
            toCommonB_ = makeReorder(b, common);
            commonB_ = dnnl::memory(common, cpuEngine());
        }
        inPlace_ = toCommonA_ || overwrite;
        if (!inPlace_) sum_ = dnnl::memory(common, cpuEngine());
        add_ = dnnl::binary(dnnl::binary::primitive_desc({dnnl::algorithm::binary_add, common, common, common},
                                                         cpuEngine()));
        common_ = common;
    }
    dnnl::memory::desc output() const override { return common_; }
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory& b) override {
        if (toCommonA_) toCommonA_->execute(s, {{DNNL_ARG_FROM, a}, {DNNL_ARG_TO, commonA_}});
        if (toCommonB_) toCommonB_->execute(s, {{DNNL_ARG_FROM, b}, {DNNL_ARG_TO, commonB_}});
        const dnnl::memory& sa = toCommonA_ ? commonA_ : a;
        const dnnl::memory& sb = toCommonB_ ? commonB_ : b;
        const dnnl::memory& dst = inPlace_ ? sa : sum_;
        add_.execute(s, {{DNNL_ARG_SRC_0, sa}, {DNNL_ARG_SRC_1, sb}, {DNNL_ARG_DST, dst}});
        return dst;
    }

private:
    dnnl::memory::desc common_;
    std::optional<dnnl::reorder> toCommonA_, toCommonB_;
    dnnl::memory commonA_, commonB_, sum_;
    bool inPlace_ = false;
    dnnl::binary add_;
};

}  // namespace

std::unique_ptr<ChainStep> Add::chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                             bool overwrite) {
    CV_Assert(in.size() == 2 && src.size() == 2);
    outputShape(in);  // validates
    return std::make_unique<AddStep>(src[0], src[1], overwrite);
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
