// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/weighted_op.hpp"

#include <unordered_map>

namespace aecv::ops {

using Args = std::unordered_map<int, dnnl::memory>;

struct WeightedOp::Plan {
    Shape in, out;
    dnnl::memory::desc srcDesc;  // the layout the input arrives in
    // forward
    dnnl::primitive fwd;
    dnnl::memory src, dst, wei, bias;  // user tensors; data handles are set per call
    Bridge srcIn, weiIn, dstOut;
    std::optional<Eltwise> eltwise;    // activation as its own primitive (training, or not fusable)
    dnnl::memory preact;               // training: output before the activation, kept for backward
    Args fwdArgs;
    const void* preparedWeights = nullptr;  // inference: the weight data weiIn last reordered,
    uint64_t preparedVersion = 0;           // at this weightsVersion()
    // backward (training plans only)
    dnnl::primitive bwdData, bwdWeights;
    dnnl::memory dDst, dSrc, dPre, dWeights, dBias;  // dWeights/dBias: this step's, before accumulation
    cv::Mat dWeightsView, dBiasView;                 // the same two, as tensors to accumulate from
    Bridge dDstIn, gradToData, gradToWeights, weiToData, srcToWeights, dSrcOut, dWeightsOut;
    Args bwdDataArgs, bwdWeightsArgs;
};

WeightedOp::WeightedOp(const Shape& weightShape, int outChannels, bool hasBias, Activation act)
    : weight_(makeParam("weight", weightShape)),
      bias_(makeParam("bias", {1, outChannels})),
      hasBias_(hasBias),
      act_(act) {}

WeightedOp::~WeightedOp() = default;

std::vector<Param*> WeightedOp::params() {
    if (hasBias_) return {&weight_, &bias_};
    return {&weight_};
}

void WeightedOp::weightsChanged() { ++weightsVersion_; }

dnnl::memory::desc WeightedOp::biasDesc() const {
    return plainDesc({static_cast<int>(bias_.value.total())});
}

WeightedOp::Plan& WeightedOp::plan(const Shape& in, Phase phase) {
    const dnnl::memory::data_type type = phase == Phase::Training ? trainingType() : inferenceType();
    std::unique_ptr<Plan>& slot = plans_[{in, phase, type}];
    if (!slot) slot = makePlan(in, phase, nullptr);
    return *slot;
}

std::unique_ptr<WeightedOp::Plan> WeightedOp::makePlan(const Shape& in, Phase phase,
                                                       const dnnl::memory::desc* chainSrc) const {
    const dnnl::memory::desc srcDesc = chainSrc ? *chainSrc : plainDesc(in);
    const dnnl::memory::data_type type = phase == Phase::Training ? trainingType() : inferenceType();
    auto p = std::make_unique<Plan>();
    p->in = in;
    p->srcDesc = srcDesc;
    p->out = outputShape({in});
    const bool training = phase == Phase::Training;
    const bool fused = !training && fusesActivation() && !act_.isIdentity();

    dnnl::primitive_attr attr;
    if (fused) {
        dnnl::post_ops ops;
        act_.appendTo(ops);
        attr.set_post_ops(ops);
    }
    const Descs d = [&] {
        try {
            return makeDescs(in, p->out, phase, attr, type);
        } catch (const dnnl::error& e) {  // a geometry oneDNN refuses, e.g. a dilated window over padding only
            CV_Error(cv::Error::StsNotImplemented, cv::format("%s: oneDNN cannot run input %s with this kernel, "
                     "stride, padding and dilation (%s)", this->type(), toString(in).c_str(), e.what()));
        }
    }();
    dnnl::engine& eng = cpuEngine();
    const dnnl::memory::desc fwdDst = d.forward.dst_desc(0);

    p->fwd = dnnl::primitive(d.forward);
    p->src = dnnl::memory(srcDesc, eng, DNNL_MEMORY_NONE);
    p->dst = chainSrc ? dnnl::memory(fwdDst, eng) : dnnl::memory(plainDesc(p->out), eng, DNNL_MEMORY_NONE);
    p->wei = dnnl::memory(userWeightsDesc(), eng, DNNL_MEMORY_NONE);
    p->bias = dnnl::memory(biasDesc(), eng, DNNL_MEMORY_NONE);
    p->srcIn = Bridge::toLayout(p->src, d.forward.src_desc(0));
    p->weiIn = Bridge::toLayout(p->wei, d.forward.weights_desc(0));
    p->dstOut = Bridge::fromLayout(fwdDst, p->dst);
    if (!fused && !act_.isIdentity()) {
        p->eltwise.emplace(act_, fwdDst, phase);
        if (training) p->preact = dnnl::memory(fwdDst, eng);
    }
    p->fwdArgs = {{DNNL_ARG_SRC, p->srcIn.memory()},
                  {DNNL_ARG_WEIGHTS, p->weiIn.memory()},
                  {DNNL_ARG_DST, training && p->eltwise ? p->preact : p->dstOut.memory()}};
    if (hasBias_) p->fwdArgs[DNNL_ARG_BIAS] = p->bias;

    if (training) {
        p->dDst = dnnl::memory(plainDesc(p->out), eng, DNNL_MEMORY_NONE);
        p->dSrc = dnnl::memory(plainDesc(in), eng, DNNL_MEMORY_NONE);
        dnnl::memory grad = p->dDst;  // dL/d(pre-activation)
        if (p->eltwise) {
            p->dDstIn = Bridge::toLayout(p->dDst, fwdDst);
            p->dPre = dnnl::memory(fwdDst, eng);
            grad = p->dPre;
        }
        p->bwdData = dnnl::primitive(d.backwardData);
        p->bwdWeights = dnnl::primitive(d.backwardWeights);
        // Each tensor is reordered once per step: the weight gradient reads the source as the
        // forward reordered it (backward follows the forward of the same input, as for preact),
        // and both products read dL/dz reordered once where they want the same layout. In bf16
        // these reorders (f32 NCHW <-> bf16 blocked) were a third of a training step.
        const auto reuse = [](const Bridge& done, const dnnl::memory& from, const dnnl::memory::desc& want) {
            return Bridge::toLayout(done.memory().get_desc() == want ? done.memory() : from, want);
        };
        p->gradToWeights = Bridge::toLayout(grad, d.backwardWeights.diff_dst_desc(0));
        p->gradToData = reuse(p->gradToWeights, grad, d.backwardData.diff_dst_desc(0));
        p->weiToData = reuse(p->weiIn, p->wei, d.backwardData.weights_desc(0));
        p->dSrcOut = Bridge::fromLayout(d.backwardData.diff_src_desc(0), p->dSrc);
        p->srcToWeights = reuse(p->srcIn, p->src, d.backwardWeights.src_desc(0));
        p->dWeights = dnnl::memory(userWeightsDesc(), eng);
        p->dWeightsView = cv::Mat(weight_.value.dims, weight_.value.size.p, CV_32F, p->dWeights.get_data_handle());
        p->dWeightsOut = Bridge::fromLayout(d.backwardWeights.diff_weights_desc(0), p->dWeights);
        p->bwdDataArgs = {{DNNL_ARG_DIFF_DST, p->gradToData.memory()},
                          {DNNL_ARG_WEIGHTS, p->weiToData.memory()},
                          {DNNL_ARG_DIFF_SRC, p->dSrcOut.memory()}};
        p->bwdWeightsArgs = {{DNNL_ARG_SRC, p->srcToWeights.memory()},
                             {DNNL_ARG_DIFF_DST, p->gradToWeights.memory()},
                             {DNNL_ARG_DIFF_WEIGHTS, p->dWeightsOut.memory()}};
        if (hasBias_) {
            p->dBias = dnnl::memory(biasDesc(), eng);
            p->dBiasView = cv::Mat(bias_.value.dims, bias_.value.size.p, CV_32F, p->dBias.get_data_handle());
            p->bwdWeightsArgs[DNNL_ARG_DIFF_BIAS] = p->dBias;
        }
    }
    return p;
}

void WeightedOp::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape in = inputShapes(inputs)[0];
    Plan& p = plan(in, phase);
    ensureTensor(output, p.out);
    dnnl::stream& s = cpuStream();
    p.src.set_data_handle(inputs[0].data);
    p.dst.set_data_handle(output.data);
    run(p, phase, s);
    s.wait();
}

// A chain step: its own inference plan (primitives, output memory, weights in the primitive's layout).
class WeightedOp::Step final : public ChainStep {
public:
    Step(WeightedOp& op, std::unique_ptr<Plan> plan) : op_(op), plan_(std::move(plan)) {}
    dnnl::memory::desc output() const override { return plan_->dst.get_desc(); }
    dnnl::memory run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory&) override {
        plan_->src.set_data_handle(a.get_data_handle());
        op_.run(*plan_, Phase::Inference, s);
        return plan_->dst;
    }

private:
    WeightedOp& op_;
    std::unique_ptr<Plan> plan_;
};

std::unique_ptr<ChainStep> WeightedOp::chainPrepare(const std::vector<Shape>& in,
                                                    const std::vector<dnnl::memory::desc>& src, bool) {
    CV_Assert(in.size() == 1 && src.size() == 1);
    outputShape(in);  // validates
    return std::make_unique<Step>(*this, makePlan(in[0], Phase::Inference, &src[0]));
}

void WeightedOp::run(Plan& p, Phase phase, dnnl::stream& s) {
    p.srcIn.run(s);
    if (phase == Phase::Training || p.preparedWeights != weight_.value.data || p.preparedVersion != weightsVersion_) {
        p.wei.set_data_handle(weight_.value.data);
        p.weiIn.run(s);
        p.preparedWeights = weight_.value.data;
        p.preparedVersion = weightsVersion_;
    }
    if (hasBias_) p.bias.set_data_handle(bias_.value.data);
    p.fwd.execute(s, p.fwdArgs);
    if (p.eltwise) p.eltwise->forward(s, phase == Phase::Training ? p.preact : p.dstOut.memory(), p.dstOut.memory());
    p.dstOut.run(s);
}

void WeightedOp::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                          std::vector<cv::Mat>& dInputs) {
    const Shape in = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    auto it = plans_.find({in, Phase::Training, trainingType()});
    if (it == plans_.end())
        CV_Error(cv::Error::StsError, cv::format("%s backward for input %s: call forward(..., Phase::Training) "
                 "on that input first", type(), toString(in).c_str()));
    Plan& p = *it->second;
    dnnl::stream& s = cpuStream();

    p.src.set_data_handle(inputs[0].data);
    p.wei.set_data_handle(weight_.value.data);
    p.dDst.set_data_handle(dOutput.data);
    if (p.eltwise) {
        p.dDstIn.run(s);
        p.eltwise->backward(s, p.preact, p.dDstIn.memory(), p.dPre);
    }
    p.gradToWeights.run(s);
    p.srcToWeights.run(s);
    p.bwdWeights.execute(s, p.bwdWeightsArgs);
    p.dWeightsOut.run(s);
    if (!dInputs.empty()) {
        ensureTensor(dInputs[0], in);
        p.dSrc.set_data_handle(dInputs[0].data);
        p.gradToData.run(s);
        p.weiToData.run(s);
        p.bwdData.execute(s, p.bwdDataArgs);
        p.dSrcOut.run(s);
    }
    s.wait();

    weight_.grad += p.dWeightsView;
    if (hasBias_) bias_.grad += p.dBiasView;
}

}  // namespace aecv::ops
