// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/slice.hpp"

#include <cstring>
#include <optional>

#include "ops/bridge.hpp"

namespace aecv::ops {

Slice::Slice(const SliceConfig& cfg) : cfg_(cfg) {
    if (cfg_.start < 0 || cfg_.end <= cfg_.start)
        CV_Error(cv::Error::StsBadArg, cv::format("Slice channels [%d, %d) are invalid; expected 0 <= start < end",
                 cfg_.start, cfg_.end));
}

Shape Slice::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    if (in.size() < 2 || cfg_.end > in[1])
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Slice of channels [%d, %d) from an input of shape %s; "
                 "expected [N, C, ...] with C >= %d", cfg_.start, cfg_.end, toString(in).c_str(), cfg_.end));
    Shape out = in;
    out[1] = cfg_.end - cfg_.start;
    return out;
}

void Slice::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase) {
    const Shape in = inputShapes(inputs)[0];
    const Shape out = outputShape({in});
    ensureTensor(output, out);
    const size_t plane = elementCount(in) / (static_cast<size_t>(in[0]) * static_cast<size_t>(in[1]));
    const size_t bytes = static_cast<size_t>(out[1]) * plane * sizeof(float);
    const float* x = inputs[0].ptr<float>();
    float* y = output.ptr<float>();
    for (int n = 0; n < in[0]; ++n)
        std::memcpy(y + static_cast<size_t>(n) * out[1] * plane,
                    x + (static_cast<size_t>(n) * in[1] + static_cast<size_t>(cfg_.start)) * plane, bytes);
}

void Slice::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                     std::vector<cv::Mat>& dInputs) {
    const Shape in = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    ensureTensor(dInputs[0], in);
    dInputs[0].setTo(0);
    const Shape out = shapeOf(output);
    const size_t plane = elementCount(in) / (static_cast<size_t>(in[0]) * static_cast<size_t>(in[1]));
    const size_t bytes = static_cast<size_t>(out[1]) * plane * sizeof(float);
    const float* dy = dOutput.ptr<float>();
    float* dx = dInputs[0].ptr<float>();
    for (int n = 0; n < in[0]; ++n)
        std::memcpy(dx + (static_cast<size_t>(n) * in[1] + static_cast<size_t>(cfg_.start)) * plane,
                    dy + static_cast<size_t>(n) * out[1] * plane, bytes);
}

namespace {

// The output is a view of the input: channels [start, end). Plain layouts (NCHW, NHWC, any
// strides) take any channel range; blocked ones only ranges on block boundaries, so a blocked
// input is reordered to channels-last first.
class SliceStep final : public ChainStep {
public:
    SliceStep(const Shape& in, const Shape& out, int start, const dnnl::memory::desc& src) {
        dnnl::memory::dims offsets(in.size(), 0);
        offsets[1] = start;
        const bool blocked = src.data.format_kind == dnnl_blocked && src.data.format_desc.blocking.inner_nblks > 0;
        dnnl::memory::desc base = src;
        if (blocked) {
            base = dnnl::memory::desc(toDims(in), src.data_type(), in.size() == 4 ? dnnl::memory::format_tag::nhwc
                                                                                  : dnnl::memory::format_tag::nc);
            toPlain_ = makeReorder(src, base);
            plain_ = dnnl::memory(base, cpuEngine());
        }
        view_ = dnnl::memory(base.submemory_desc(toDims(out), offsets), cpuEngine(), DNNL_MEMORY_NONE);
    }
    dnnl::memory::desc output() const override { return view_.get_desc(); }
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory&) override {
        if (toPlain_) {
            toPlain_->execute(s, {{DNNL_ARG_FROM, a}, {DNNL_ARG_TO, plain_}});
            view_.set_data_handle(plain_.get_data_handle());
        } else {
            view_.set_data_handle(a.get_data_handle());
        }
        return view_;
    }

private:
    dnnl::memory view_;                     // the output
    std::optional<dnnl::reorder> toPlain_;  // a blocked input the range does not align with
    dnnl::memory plain_;
};

}  // namespace

std::unique_ptr<ChainStep> Slice::chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                               bool) {
    CV_Assert(in.size() == 1 && src.size() == 1);
    return std::make_unique<SliceStep>(in[0], outputShape(in), cfg_.start, src[0]);
}

}  // namespace aecv::ops
