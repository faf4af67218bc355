namespace Entangle.Engine.Bargaining;

/// <summary>
/// Bueno de Mesquita's expected-utility model of group decisions ("the Predictioneer's Game"), as replicated by
/// Scholz, Calbert &amp; Smith (2011), "Unravelling Bueno De Mesquita's group decision model", Journal of
/// Theoretical Politics 23(4): 510–531. The equations, with their sources, are in docs/bargaining.md.
/// </summary>
/// <remarks>
/// Cost per round is O(n³): the vote denominator is computed once per risk state (O(n³), summed in the same
/// order as the replication so that ties break the same way), each P(i, j) is an O(n) sum, and every expected
/// utility is O(1) once P is known. The published Python replication recomputes the denominator inside every
/// probability, which makes its round O(n⁵).
/// </remarks>
public static class BargainingModel
{
    /// <summary>Runs the model for <see cref="BargainingOptions.Rounds"/> rounds.</summary>
    /// <exception cref="ArgumentException">Fewer than one actor, a non-finite input, a negative capability,
    /// a salience outside 0–1, or no actor with capability × salience above zero.</exception>
    public static BargainingResult Run(IReadOnlyList<BargainingActor> actors, BargainingOptions? options = null)
    {
        options ??= BargainingOptions.ScholzFaithful;
        Validate(actors, options);
        var model = new Workspace(actors, options);
        var rounds = new List<BargainingRound>(options.Rounds + 1) { model.Snapshot(0, null, [], null) };
        for (var t = 1; t <= options.Rounds; t++) rounds.Add(model.Step(t));
        return new BargainingResult(actors.Select(a => a.Name).ToArray(), model.Range, rounds, options);
    }

    /// <summary>The final-round weighted median and mean, without keeping the rounds (for perturbation runs).</summary>
    public static (double Median, double Mean) Forecast(IReadOnlyList<BargainingActor> actors, BargainingOptions options)
    {
        Validate(actors, options);
        var model = new Workspace(actors, options with { RecordIntermediates = false });
        for (var t = 1; t <= options.Rounds; t++) model.Advance(null);
        return (model.Median(), model.Mean());
    }

    private static void Validate(IReadOnlyList<BargainingActor> actors, BargainingOptions options)
    {
        if (actors.Count == 0) throw new ArgumentException("the model needs at least one actor", nameof(actors));
        if (options.Rounds < 0) throw new ArgumentException("rounds must be ≥ 0", nameof(options));
        if (!double.IsFinite(options.StatusQuoProbability) || options.StatusQuoProbability is < 0 or > 1)
            throw new ArgumentException("the status-quo probability must lie in 0–1", nameof(options));
        var weight = 0.0;
        foreach (var a in actors)
        {
            if (!double.IsFinite(a.Capability) || a.Capability < 0)
                throw new ArgumentException($"{a.Name}: capability must be a finite number ≥ 0", nameof(actors));
            if (!double.IsFinite(a.Salience) || a.Salience is < 0 or > 1)
                throw new ArgumentException($"{a.Name}: salience must lie in 0–1", nameof(actors));
            if (!double.IsFinite(a.Position))
                throw new ArgumentException($"{a.Name}: position must be a finite number", nameof(actors));
            weight += a.Capability * a.Salience;
        }
        if (!(weight > 0))
            throw new ArgumentException("at least one actor needs capability × salience above zero", nameof(actors));
    }

    /// <summary>Mutable arrays of one run, reused across rounds.</summary>
    private sealed class Workspace
    {
        private readonly int _n;
        private readonly BargainingOptions _o;
        private readonly double[] _w;      // c_k s_k
        private readonly double[] _s;      // s_k
        private double[] _x;               // current positions
        private double[] _next;            // positions after the round
        private readonly double[] _r;      // current risk exponents
        private readonly double[] _u;      // u[k*n+a] = (|x_k − x_a| / range)^r_k, row = voter k
        private readonly double[] _ut;     // transposed: ut[a*n+k]
        private readonly double[] _num;    // numerators of P, num[i*n+j]
        private readonly double[] _voterDenominator; // each voter's share of the denominator (sequential update)
        private readonly double[] _p;      // P(i prevails over j), p[i*n+j]
        private readonly double[] _danger;
        private readonly double[] _riskAcceptance;
        private double _denominator;

        public double Range { get; }

        public Workspace(IReadOnlyList<BargainingActor> actors, BargainingOptions options)
        {
            _n = actors.Count;
            _o = options;
            _w = new double[_n];
            _s = new double[_n];
            _x = new double[_n];
            _next = new double[_n];
            _r = new double[_n];
            for (var k = 0; k < _n; k++)
            {
                _w[k] = actors[k].Capability * actors[k].Salience;
                _s[k] = actors[k].Salience;
                _x[k] = actors[k].Position;
                _r[k] = 1.0;
            }
            Range = _x.Max() - _x.Min();
            _u = new double[_n * _n];
            _ut = new double[_n * _n];
            _num = new double[_n * _n];
            _p = new double[_n * _n];
            _voterDenominator = new double[_n];
            _danger = new double[_n];
            _riskAcceptance = new double[_n];
        }

        public BargainingRound Snapshot(int round, double[]? r, IReadOnlyList<BargainingMove> moves, BargainingIntermediates? im) =>
            new(round, (double[])_x.Clone(), r, moves, Mean(), Median(), im);

        public BargainingRound Step(int round)
        {
            var moves = new List<BargainingMove>();
            var im = Advance(moves);
            return Snapshot(round, (double[])_r.Clone(), moves, im);
        }

        /// <summary>One round: update r, collect every actor's best offer, apply them all at once.</summary>
        public BargainingIntermediates? Advance(List<BargainingMove>? moves)
        {
            if (Range == 0)
            {
                // Every actor holds the same position: no challenge has any value; nothing moves.
                Array.Fill(_r, 1.0);
                return null;
            }
            var im = _o.RiskUpdate == RiskUpdate.Simultaneous ? UpdateRiskSimultaneous() : UpdateRiskSequential();

            BuildUtilityTables(_r);
            ComputeProbabilities();
            for (var i = 0; i < _n; i++)
            {
                _next[i] = _x[i];
                var move = BestOffer(i);
                if (move is null) continue;
                _next[i] = move.To;
                moves?.Add(move);
            }
            (_x, _next) = (_next, _x);
            return im;
        }

        // ---- votes and probabilities ------------------------------------------------------------------

        private static double Pow(double v, double r) => r == 1.0 ? v : Math.Pow(v, r);

        /// <summary>u_ka = (|x_k − x_a| / range)^r_k: voter k's normalised distance from position a.</summary>
        private void BuildUtilityTables(double[] r)
        {
            for (var k = 0; k < _n; k++) BuildVoterRow(k, r[k]);
        }

        private void BuildVoterRow(int k, double rk)
        {
            var n = _n;
            for (var a = 0; a < n; a++)
            {
                var v = Pow(Math.Abs(_x[k] - _x[a]) / Range, rk);
                _u[k * n + a] = v;
                _ut[a * n + k] = v;
            }
        }

        /// <summary>Σ_a Σ_b |c_k s_k (u_kb − u_ka)|: voter k's share of the Scholz denominator.</summary>
        private double VoterDenominator(int k)
        {
            var row = new ReadOnlySpan<double>(_u, k * _n, _n);
            var wk = _w[k];
            var total = 0.0;
            for (var a = 0; a < row.Length; a++)
            {
                var ua = row[a];
                for (var b = 0; b < row.Length; b++) total += Math.Abs(wk * (row[b] - ua));
            }
            return total;
        }

        /// <summary>
        /// The Scholz denominator, summed voter by voter, pair by pair, in the replication's order
        /// (so the same double results); once per risk state instead of once per probability.
        /// </summary>
        private double Denominator()
        {
            var n = _n;
            var total = 0.0;
            for (var k = 0; k < n; k++)
            {
                var row = new ReadOnlySpan<double>(_u, k * n, n);
                var wk = _w[k];
                for (var a = 0; a < n; a++)
                {
                    var ua = row[a];
                    for (var b = 0; b < n; b++) total += Math.Abs(wk * (row[b] - ua));
                }
            }
            return total;
        }

        /// <summary>Fills P for every ordered pair from the current utility tables.</summary>
        private void ComputeProbabilities()
        {
            if (_o.Probability == ProbabilityRule.Bdm1994) { ComputeProbabilitiesBdm1994(); return; }
            _denominator = Denominator();
            ComputeNumerators();
            DivideNumerators();
        }

        /// <summary>num_ij = Σ_k max(0, c_k s_k (u_kj − u_ki)), for both orders of each pair in one pass.</summary>
        private void ComputeNumerators()
        {
            var n = _n;
            var w = _w;
            for (var i = 0; i < n; i++)
            {
                _num[i * n + i] = 0;
                var rowI = new ReadOnlySpan<double>(_ut, i * n, n);
                for (var j = i + 1; j < n; j++)
                {
                    var rowJ = new ReadOnlySpan<double>(_ut, j * n, n);
                    double ij = 0, ji = 0;
                    for (var k = 0; k < n; k++)
                    {
                        var v = w[k] * (rowJ[k] - rowI[k]);
                        if (v > 0) ij += v;
                        else if (v < 0) ji -= v;
                    }
                    _num[i * n + j] = ij;
                    _num[j * n + i] = ji;
                }
            }
        }

        private void DivideNumerators()
        {
            var n = _n;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++)
                    _p[i * n + j] = _x[i] == _x[j] ? 0.0 : _num[i * n + j] / _denominator;
        }

        private void ComputeProbabilitiesBdm1994()
        {
            var n = _n;
            for (var i = 0; i < n; i++)
            {
                _p[i * n + i] = 0;
                for (var j = i + 1; j < n; j++)
                {
                    if (_x[i] == _x[j]) { _p[i * n + j] = _p[j * n + i] = 0; continue; }
                    double top = 0, bottom = 0;
                    for (var k = 0; k < n; k++)
                    {
                        var d = Math.Abs(_x[k] - _x[j]) - Math.Abs(_x[k] - _x[i]);
                        top += _w[k] * d;
                        bottom += _w[k] * Math.Abs(d);
                    }
                    _p[i * n + j] = Math.Max(0, top) / bottom;
                    _p[j * n + i] = Math.Max(0, -top) / bottom;
                }
            }
        }

        // ---- expected utility ------------------------------------------------------------------------

        /// <summary>
        /// EU of i challenging j as seen with exponent <paramref name="r"/>:
        /// s_j (P U_s + (1 − P) U_f) + (1 − s_j) U_s − Q U_sq.
        /// </summary>
        private double ChallengeUtility(int i, int j, double r)
        {
            var d = Math.Abs(_x[i] - _x[j]);
            var us = 2 - 4 * Pow(0.5 - 0.5 * d / Range, r);
            var uf = 2 - 4 * Pow(0.5 + 0.5 * d / Range, r);
            var usq = 2 - 4 * Pow(0.5, r);
            var p = _p[i * _n + j];
            var sj = _s[j];
            var resist = sj * (p * us + (1 - p) * uf);
            var notResist = (1 - sj) * us;
            return resist + notResist - _o.StatusQuoProbability * usq;
        }

        /// <summary>danger_a = Σ_{k≠a} EU(k challenges a), seen with a's own exponent.</summary>
        private double Danger(int a, double ra)
        {
            var total = 0.0;
            for (var k = 0; k < _n; k++)
                if (k != a) total += ChallengeUtility(k, a, ra);
            return total;
        }

        private static double RiskExponent(double riskAcceptance) => (1 - riskAcceptance / 3.0) / (1 + riskAcceptance / 3.0);

        private double RiskAcceptance(double danger, double max, double min) =>
            max == min ? 0.0 : (2 * danger - max - min) / (max - min);

        /// <summary>Scholz-faithful: all r = 1, all danger sums, then every r_i at once.</summary>
        private BargainingIntermediates? UpdateRiskSimultaneous()
        {
            Array.Fill(_r, 1.0);
            BuildUtilityTables(_r);
            ComputeProbabilities();
            for (var a = 0; a < _n; a++) _danger[a] = Danger(a, 1.0);
            var max = _danger.Max();
            var min = _danger.Min();
            for (var a = 0; a < _n; a++)
            {
                _riskAcceptance[a] = RiskAcceptance(_danger[a], max, min);
                _r[a] = RiskExponent(_riskAcceptance[a]);
            }
            if (!_o.RecordIntermediates) return null;
            var p = new IReadOnlyList<double>[_n];
            var eu = new IReadOnlyList<double>[_n];
            for (var i = 0; i < _n; i++)
            {
                p[i] = _p.AsSpan(i * _n, _n).ToArray();
                var row = new double[_n];
                for (var j = 0; j < _n; j++) row[j] = i == j ? 0.0 : ChallengeUtility(i, j, 1.0);
                eu[i] = row;
            }
            return new BargainingIntermediates(
                _o.Probability == ProbabilityRule.Scholz ? _denominator : double.NaN,
                (double[])_danger.Clone(), (double[])_riskAcceptance.Clone(), (double[])_r.Clone(), p, eu);
        }

        /// <summary>
        /// One actor after another in input order, each from danger sums under the current exponents. Changing
        /// r_a changes only voter a's votes, so the denominator and the numerators are updated for that voter
        /// alone (O(n²) per actor, O(n³) per round).
        /// </summary>
        private BargainingIntermediates? UpdateRiskSequential()
        {
            var n = _n;
            BuildUtilityTables(_r);
            var scholz = _o.Probability == ProbabilityRule.Scholz;
            if (scholz)
            {
                for (var k = 0; k < n; k++) _voterDenominator[k] = VoterDenominator(k);
                _denominator = SumInOrder(_voterDenominator);
                ComputeNumerators();
                DivideNumerators();
            }
            else ComputeProbabilitiesBdm1994();

            for (var a = 0; a < n; a++)
            {
                for (var b = 0; b < n; b++) _danger[b] = Danger(b, _r[b]);
                var max = _danger.Max();
                var min = _danger.Min();
                _riskAcceptance[a] = RiskAcceptance(_danger[a], max, min);
                var ra = RiskExponent(_riskAcceptance[a]);
                if (ra == _r[a] || !scholz) { _r[a] = ra; continue; }

                // Replace voter a's votes: remove the old ones from every numerator, add the new ones.
                RemoveOrAddVoter(a, -1);
                _r[a] = ra;
                BuildVoterRow(a, ra);
                RemoveOrAddVoter(a, +1);
                _voterDenominator[a] = VoterDenominator(a);
                _denominator = SumInOrder(_voterDenominator);
                DivideNumerators();
            }
            if (!_o.RecordIntermediates) return null;
            return new BargainingIntermediates(double.NaN, (double[])_danger.Clone(), (double[])_riskAcceptance.Clone(),
                (double[])_r.Clone(), [], []);
        }

        private void RemoveOrAddVoter(int k, int sign)
        {
            var n = _n;
            var wk = _w[k];
            for (var i = 0; i < n; i++)
            {
                var uki = _u[k * n + i];
                for (var j = i + 1; j < n; j++)
                {
                    var v = wk * (_u[k * n + j] - uki);
                    if (v > 0) _num[i * n + j] += sign * v;
                    else if (v < 0) _num[j * n + i] -= sign * v;
                }
            }
        }

        private static double SumInOrder(double[] values)
        {
            var total = 0.0;
            foreach (var v in values) total += v;
            return total;
        }

        // ---- offers ----------------------------------------------------------------------------------

        /// <summary>
        /// The offer receiver i accepts, judged with i's own exponent: confrontations before compromises before
        /// capitulations; among confrontations and capitulations the one nearest to x_i; among compromises per
        /// <see cref="BargainingOptions.CompromiseChoice"/>. Ties go to the first proposer in input order.
        /// </summary>
        private BargainingMove? BestOffer(int i)
        {
            var xi = _x[i];
            var ri = _r[i];
            BargainingMove? confrontation = null, compromise = null, capitulation = null;
            double confrontationKey = double.PositiveInfinity, compromiseKey = double.PositiveInfinity,
                capitulationKey = double.PositiveInfinity;
            for (var j = 0; j < _n; j++)
            {
                var xj = _x[j];
                if (xi == xj) continue;
                var euIJ = ChallengeUtility(i, j, ri);
                var euJI = ChallengeUtility(j, i, ri);
                if (euJI > euIJ && euIJ > 0)
                {
                    var key = Math.Abs(xi - xj);
                    if (key < confrontationKey)
                    {
                        confrontationKey = key;
                        confrontation = new BargainingMove(i, j, MoveKind.Confrontation, xi, xj, euIJ, euJI);
                    }
                }
                else if (euJI > 0 && 0 > euIJ && euJI > Math.Abs(euIJ))
                {
                    var to = xi + (xj - xi) * Math.Abs(euIJ / euJI);
                    var key = _o.CompromiseChoice == CompromiseChoice.ByWeightedPosition
                        ? (Math.Abs(euIJ) * xi + Math.Abs(euJI) * xj) / (Math.Abs(euIJ) + Math.Abs(euJI))
                        : Math.Abs(xi - to);
                    if (key < compromiseKey)
                    {
                        compromiseKey = key;
                        compromise = new BargainingMove(i, j, MoveKind.Compromise, xi, to, euIJ, euJI);
                    }
                }
                else if (euJI > 0 && 0 > euIJ && CapitulationHolds(euIJ, euJI))
                {
                    var key = Math.Abs(xi - xj);
                    if (key < capitulationKey)
                    {
                        capitulationKey = key;
                        capitulation = new BargainingMove(i, j, MoveKind.Capitulation, xi, xj, euIJ, euJI);
                    }
                }
            }
            return confrontation ?? compromise ?? capitulation;
        }

        private bool CapitulationHolds(double euIJ, double euJI) => _o.Capitulation switch
        {
            // As written in the replication (never true for eu_ji > 0); kept to reproduce it.
            CapitulationRule.AsPublished => euJI < Math.Abs(euJI),
            _ => euJI < Math.Abs(euIJ),
        };

        // ---- summaries -------------------------------------------------------------------------------

        /// <summary>Σ c s x / Σ c s.</summary>
        public double Mean()
        {
            double top = 0, bottom = 0;
            for (var k = 0; k < _n; k++)
            {
                top += _w[k] * _x[k];
                bottom += _w[k];
            }
            return top / bottom;
        }

        /// <summary>
        /// The Condorcet winner among the held positions under votes c_k s_k (|x_k − m| − |x_k − p|) / range
        /// (r = 1): candidates taken in ascending order, a candidate replaces the incumbent when its votes are
        /// positive. In one dimension this is the capability × salience weighted median.
        /// </summary>
        public double Median()
        {
            var candidates = _x.Distinct().Order().ToArray();
            var median = candidates[0];
            if (Range == 0) return median;
            for (var c = 1; c < candidates.Length; c++)
            {
                var position = candidates[c];
                var votes = 0.0;
                for (var k = 0; k < _n; k++)
                    votes += _w[k] * (Math.Abs(_x[k] - median) / Range - Math.Abs(_x[k] - position) / Range);
                if (votes > 0) median = position;
            }
            return median;
        }
    }
}
