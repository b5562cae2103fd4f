using Berth.Core.Apps;
using Berth.Scheduling.Feasibility;

namespace Berth.Scheduling.Placement;

/// <summary>
/// Pure placement over a snapshot: eligibility checks once per host, fit checks per instance, then the strategy's
/// score (after fewer instances of the version, for soft spread). It returns a plan and reserves nothing; the store
/// commits the plan or answers that the snapshot was stale.
/// </summary>
/// <param name="defaultStrategy">The strategy of requests that name none.</param>
/// <param name="ties">
/// Breaks ties between equally good hosts at random, so schedulers running at once do not all pick the same host and
/// collide on it; null breaks them by name, which makes plans predictable.
/// </param>
public sealed class Scheduler(IPlacementStrategy defaultStrategy, Random? ties = null)
{
    public Scheduler()
        : this(PlacementStrategies.Default)
    {
    }

    /// <summary>The strategy of requests that name none.</summary>
    public IPlacementStrategy DefaultStrategy => defaultStrategy;

    /// <summary>
    /// Hosts for <paramref name="count"/> instances, each placed against the hosts as the ones before it left them.
    /// When one does not fit, the plan stops there with every host's reason.
    /// </summary>
    public PlacementPlan Plan(ClusterSnapshot snapshot, PlacementRequest request, int count)
    {
        var state = new PlanState(snapshot, request, StrategyOf(request), ties);
        var placements = new List<PlannedInstance>(count);
        while (placements.Count < count)
        {
            var best = state.Best();
            if (best < 0)
            {
                return new PlacementPlan(request.AppId, count, placements, state.Refusals());
            }
            placements.Add(state.Place(best));
        }
        return new PlacementPlan(request.AppId, count, placements, []);
    }

    /// <summary>
    /// One instance on every eligible host that has none of the version yet. Hosts that are not eligible are listed in
    /// <see cref="PlacementPlan.Ineligible"/>; an eligible host without room is a refusal. With no eligible host at all,
    /// the plan wants one instance and explains why every host refused it.
    /// </summary>
    public PlacementPlan PlanGlobal(ClusterSnapshot snapshot, PlacementRequest request)
    {
        var state = new PlanState(snapshot, request, StrategyOf(request), ties);
        var placements = new List<PlannedInstance>();
        var refusals = new List<HostRefusal>();
        var ineligible = new List<HostRefusal>();
        for (var i = 0; i < state.Count; i++)
        {
            if (state.Ineligibility(i) is { } reason)
            {
                ineligible.Add(new HostRefusal(state.Name(i), reason));
            }
            else if (state.Candidate(i).SameVersion == 0)
            {
                if (FeasibilityChecks.FirstRefusal(FeasibilityChecks.Fit, state.Candidate(i), request) is { } noRoom)
                {
                    refusals.Add(new HostRefusal(state.Name(i), noRoom));
                }
                else
                {
                    placements.Add(state.Place(i));
                }
            }
        }

        return ineligible.Count == state.Count
            ? new PlacementPlan(request.AppId, 1, [], ineligible) { Ineligible = ineligible }
            : new PlacementPlan(request.AppId, placements.Count + refusals.Count, placements, refusals) { Ineligible = ineligible };
    }

    /// <summary>The hosts where the app may not run at all (draining, a broken constraint, no affinity partner), and why.</summary>
    public IReadOnlyList<HostRefusal> Ineligible(ClusterSnapshot snapshot, PlacementRequest request)
    {
        var state = new PlanState(snapshot, request, StrategyOf(request), ties);
        return [.. Enumerable.Range(0, state.Count)
            .Where(i => state.Ineligibility(i) is not null)
            .Select(i => new HostRefusal(state.Name(i), state.Ineligibility(i)!))];
    }

    private IPlacementStrategy StrategyOf(PlacementRequest request) =>
        request.Strategy is null
            ? defaultStrategy
            : PlacementStrategies.Find(request.Strategy) ?? throw new ArgumentException($"unknown placement strategy '{request.Strategy}'", nameof(request));

    /// <summary>The hosts of one plan in progress, with what has been planned on each.</summary>
    private sealed class PlanState
    {
        private readonly PlacementRequest _request;
        private readonly IPlacementStrategy _strategy;
        private readonly Random? _ties;
        private readonly HostCandidate[] _candidates;
        private readonly string?[] _ineligibility;

        public PlanState(ClusterSnapshot snapshot, PlacementRequest request, IPlacementStrategy strategy, Random? ties)
        {
            _request = request;
            _strategy = strategy;
            _ties = ties;
            _candidates = new HostCandidate[snapshot.Hosts.Count];
            _ineligibility = new string?[_candidates.Length];
            for (var i = 0; i < _candidates.Length; i++)
            {
                var usage = snapshot.Hosts[i];
                var name = usage.Host.Name;
                _candidates[i] = new HostCandidate(
                    usage,
                    snapshot.Count(name, request.AppId, request.Version),
                    request.AffinityWith is null ? 0 : snapshot.Count(name, request.AffinityWith));
                _ineligibility[i] = FeasibilityChecks.FirstRefusal(FeasibilityChecks.Eligibility, _candidates[i], request);
            }
        }

        public int Count => _candidates.Length;

        public string Name(int i) => _candidates[i].Host.Name;

        public string? Ineligibility(int i) => _ineligibility[i];

        public HostCandidate Candidate(int i) => _candidates[i];

        /// <summary>The index of the best host that can take one more instance, or -1.</summary>
        public int Best()
        {
            var best = -1;
            var bestScore = 0.0;
            var tied = 0;
            for (var i = 0; i < _candidates.Length; i++)
            {
                if (_ineligibility[i] is not null || FeasibilityChecks.FirstRefusal(FeasibilityChecks.Fit, _candidates[i], _request) is not null)
                {
                    continue;
                }

                var score = _strategy.Score(_candidates[i].Usage, _request);
                var order = best < 0 ? 1 : Compare(i, score, best, bestScore);
                if (order == 0)
                {
                    // Each of the k hosts tied so far ends up chosen with probability 1/k.
                    tied++;
                    order = _ties is null
                        ? -string.CompareOrdinal(_candidates[i].Host.Name, _candidates[best].Host.Name)
                        : _ties.Next(tied) == 0 ? 1 : -1;
                }
                else if (order > 0)
                {
                    tied = 1;
                }

                if (order > 0)
                {
                    (best, bestScore) = (i, score);
                }
            }
            return best;
        }

        /// <summary>Records one more instance on host <paramref name="i"/> and returns it as planned.</summary>
        public PlannedInstance Place(int i)
        {
            var candidate = _candidates[i];
            var usage = candidate.Usage;
            _candidates[i] = candidate with
            {
                Usage = usage with
                {
                    ReservedMemoryMb = usage.ReservedMemoryMb + _request.MemoryMb,
                    ReservedCpuShares = usage.ReservedCpuShares + _request.CpuShares,
                    PortsInUse = usage.PortsInUse + 1,
                },
                SameVersion = candidate.SameVersion + 1,
            };
            return new PlannedInstance(candidate.Host);
        }

        /// <summary>The reason of every host that cannot take one more instance: all of them, once <see cref="Best"/> found none.</summary>
        public List<HostRefusal> Refusals()
        {
            var refusals = new List<HostRefusal>();
            for (var i = 0; i < _candidates.Length; i++)
            {
                if ((_ineligibility[i] ?? FeasibilityChecks.FirstRefusal(FeasibilityChecks.Fit, _candidates[i], _request)) is { } reason)
                {
                    refusals.Add(new HostRefusal(_candidates[i].Host.Name, reason));
                }
            }
            return refusals;
        }

        /// <summary>Positive when host <paramref name="i"/> is better than the best so far, negative when worse, zero on a tie.</summary>
        private int Compare(int i, double score, int best, double bestScore)
        {
            if (_request.Spread == SpreadMode.Soft && _candidates[i].SameVersion != _candidates[best].SameVersion)
            {
                return _candidates[best].SameVersion.CompareTo(_candidates[i].SameVersion);
            }
            return score.CompareTo(bestScore);
        }
    }
}
