// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The processes one batch job runs as: under `mpirun -np N` each is a rank of N, on its own one
// rank of 1. With Open MPI built in (AECV_WITH_MPI) the ranks talk through MPI; without it, a
// program started by mpirun still learns its rank from Open MPI's environment and does its share,
// and mpirun's exit code says whether any rank failed.
#pragma once

namespace aecv::samples {

class Ranks {
public:
    // Joins the job (MPI_Init when mpirun started this process and MPI is built in).
    Ranks();
    ~Ranks();  // MPI_Finalize
    Ranks(const Ranks&) = delete;
    Ranks& operator=(const Ranks&) = delete;

    int rank() const { return rank_; }
    int size() const { return size_; }
    // True when the ranks can add up their counts (sum()); false on their own without MPI.
    bool connected() const { return mpi_; }
    // The sum of `value` over all ranks (every rank gets it); `value` itself when not connected.
    long sum(long value) const;

private:
    int rank_ = 0, size_ = 1;
    bool mpi_ = false;
};

}  // namespace aecv::samples
