// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The processes one training run is spread over, data parallel: under `mpirun -np N` (aecv built
// with AECV_WITH_MPI) the N ranks of MPI_COMM_WORLD, otherwise this process alone. Every rank
// runs the same steps on its rows of each global batch; sum() adds the ranks' gradients in place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace aecv::train {

class Collective {
public:
    // The run's processes: joins MPI (MPI_Init) the first time when mpirun started this one;
    // leaves it (MPI_Finalize) at exit.
    static Collective& world();

    int rank() const { return rank_; }
    int size() const { return size_; }

    // Element-wise sum over the ranks, in place, in buckets of at most kBucketBytes (the result
    // is the same on every rank). Alone: nothing to do.
    static constexpr size_t kBucketBytes = size_t{4} << 20;
    void sum(float* data, size_t count);
    void sum(double* data, size_t count);
    double sum(double value);
    // The same, overlapped with other work: startSum() begins summing data[0..count) in place
    // (MPI_Iallreduce; `data` must stay untouched until finishSums()), progress() lets started
    // sums advance, finishSums() waits for all of them.
    void startSum(float* data, size_t count);
    void progress();
    void finishSums();
    // Every rank's `value`, in rank order, on every rank.
    std::vector<uint64_t> gather(uint64_t value);
    // Ends every rank of the job at once (MPI_Abort): for an error one rank met alone, which
    // would leave the others waiting in sum() for ever.
    [[noreturn]] void abort(int code);
    // Seconds spent in sum() so far (the all-reduce share of a run).
    double seconds() const { return seconds_; }

    Collective(const Collective&) = delete;
    Collective& operator=(const Collective&) = delete;
    ~Collective();

private:
    Collective();
    int rank_ = 0, size_ = 1;
    bool mpi_ = false;
    double seconds_ = 0;
    std::vector<void*> pending_;  // MPI_Request of each started sum (opaque here)
};

// FNV-1a over the bytes of `count` floats: the weights' fingerprint, compared across ranks.
uint64_t fingerprint(const float* data, size_t count);

}  // namespace aecv::train
