using System.Numerics;

namespace Berth.Gateway.Access;

/// <summary>Disjoint, sorted intervals of addresses of one family (as unsigned integers), searched by bisection.</summary>
internal sealed class AddressIntervals<T>
    where T : struct, IBinaryInteger<T>, IUnsignedNumber<T>
{
    private readonly T[] _firsts;
    private readonly T[] _lasts;

    public AddressIntervals(IEnumerable<(T First, T Last)> intervals)
    {
        var firsts = new List<T>();
        var lasts = new List<T>();
        foreach (var (first, last) in intervals.OrderBy(i => i.First))
        {
            // Overlapping or touching intervals merge, so at most one can hold an address.
            if (lasts.Count > 0 && (lasts[^1] == T.AllBitsSet || first <= lasts[^1] + T.One))
            {
                lasts[^1] = T.Max(lasts[^1], last);
                continue;
            }

            firsts.Add(first);
            lasts.Add(last);
        }

        _firsts = [.. firsts];
        _lasts = [.. lasts];
    }

    public bool Contains(T address)
    {
        var index = MemoryExtensions.BinarySearch<T, T>(_firsts, address);

        // Not found: the complement of the first larger start; the interval before it is the only candidate.
        index = index >= 0 ? index : ~index - 1;
        return index >= 0 && address <= _lasts[index];
    }
}
