import Foundation
import IngestCore

/// `ingest-eval claims-variants`: the variant groups that claim linking's candidate generation finds, old (postings of every
/// canonical token, ≥ ClaimMatcher.minimumSharedTokens shared) against new (a shared ClaimCandidateKeys key), both with the
/// caps the store had until Migrations/0019 (32 claims read per token, earliest stored first; 200 candidates per claim), against
/// the exact groups (every same-claim pair). Claims come from the articles of the `--dir` folders (`.txt` as text,
/// `.json` by their `body`), in file order, linked in batches as workers do; the new scheme runs again in reverse
/// order, to show whether its groups depend on the order, and once without ClaimVariantFilter, to count the verdicts it
/// saves and show it changes none. `--postings N` changes the per-token cap.
///
///     ingest-eval claims-variants --dir DIR [--dir DIR]... [--batch CLAIMS] [--postings N]
package enum ClaimVariantsEval {
    nonisolated(unsafe) static var postingsPerToken = 32
    nonisolated(unsafe) static var judged = 0
    static let candidateCap = 200

    struct Claim {
        var signature: ClaimSignature
        var indexed: [UInt64]
    }

    package static func run(_ arguments: ArraySlice<String>) throws {
        let args = Array(arguments)
        var directories: [String] = []
        var batch = 5000
        for (index, argument) in args.enumerated() where index + 1 < args.count {
            if argument == "--dir" { directories.append(args[index + 1]) }
            if argument == "--batch", let value = Int(args[index + 1]) { batch = max(1, value) }
            if argument == "--postings", let value = Int(args[index + 1]) { postingsPerToken = max(1, value) }
        }
        guard !directories.isEmpty else { throw ClaimsEval.Failure.missing("--dir") }
        var files: [String] = []
        for folder in directories {
            let enumerator = FileManager.default.enumerator(atPath: folder)
            while let name = enumerator?.nextObject() as? String {
                if name.hasSuffix(".txt") || name.hasSuffix(".json") { files.append(folder + "/" + name) }
            }
        }
        files.sort()
        // Distinct claims by fingerprint, in first-seen order, with the signature the store computes.
        var claims: [Claim] = []
        var seen = Set<String>()
        for file in files {
            var text = try ClaimsEval.read(file)
            if file.hasSuffix(".json"),
                let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                let body = object["body"] as? String
            {
                text = body
            }
            guard let processed = try? ClaimsEval.process(text) else { continue }
            for claim in processed.claims where seen.insert(claim.fingerprint).inserted {
                let content =
                    claim.contentParts.isEmpty
                    ? claim.content.text : claim.contentParts.map(\.text).joined(separator: " ")
                let signature = ClaimMatcher.signature(content)
                claims.append(Claim(signature: signature, indexed: ClaimCandidateKeys.indexed(signature.tokens)))
            }
        }
        let exact = exactEdges(claims)
        let old = linkedEdges(claims, batch: batch, new: false)
        let judgedOld = judged
        judged = 0
        let unfiltered = linkedEdges(claims, batch: batch, new: true, filtered: false)
        let judgedUnfiltered = judged
        judged = 0
        let new = linkedEdges(claims, batch: batch, new: true)
        print("pairs judged: old \(judgedOld), new without ClaimVariantFilter \(judgedUnfiltered), new \(judged)")
        print(
            "same-claim pairs with and without ClaimVariantFilter identical: \(unfiltered.map { key($0.0, $0.1) } == new.map { key($0.0, $0.1) })"
        )
        let reversed = Array(claims.reversed())
        let newReversed = linkedEdges(reversed, batch: batch, new: true).map {
            (claims.count - 1 - $0.0, claims.count - 1 - $0.1)
        }
        let exactGroups = components(claims.count, exact)
        print("claims-variants: \(files.count) articles, \(claims.count) distinct claims, batches of \(batch) claims")
        let tokenRows = claims.reduce(0) { $0 + ($1.signature.tokens.count >= 3 ? $1.signature.tokens.count : 0) }
        let keyRows = claims.reduce(0) { $0 + $1.indexed.count }
        // The store keeps per key only the claims linking reads of it (ClaimWrite.swift).
        var carriers: [UInt64: Int] = [:]
        for claim in claims where claim.signature.tokens.count >= 3 {
            for key in claim.indexed { carriers[key, default: 0] += 1 }
        }
        let keptRows = carriers.values.reduce(0) { $0 + min($1, postingsPerToken + 1) }
        print(
            "index rows: every token \(tokenRows) (\(per(tokenRows, files.count))/article), "
                + "candidate keys \(keyRows) (\(per(keyRows, files.count))/article), "
                + "kept (\(postingsPerToken + 1) per key) \(keptRows) (\(per(keptRows, files.count))/article)"
        )
        print("exact: \(exact.count) same-claim pairs, \(groupCount(exactGroups)) variant groups")
        for (name, edges) in [
            ("old (every token)", old), ("new (candidate keys)", new), ("new, reversed", newReversed),
        ] {
            let groups = components(claims.count, edges)
            let found = Set(edges.map { key($0.0, $0.1) })
            let direct = exact.filter { found.contains(key($0.0, $0.1)) }.count
            let (recall, precision) = pairAgreement(groups, exactGroups)
            print(
                "\(name): \(edges.count) pairs judged same, \(direct)/\(exact.count) exact pairs found directly, "
                    + "\(groupCount(groups)) groups, identical groups \(identical(groups, exactGroups))/"
                    + "\(groupCount(exactGroups)), grouped-pair recall \(format(recall)) precision \(format(precision))"
            )
        }
        let same = components(claims.count, new) == components(claims.count, newReversed)
        print("new groups identical in both orders: \(same)")
        // Components chain through trims and rewordings; nearest groups (the store's rule) do not.
        for (name, groups) in [
            ("exact pairs, components", exactGroups),
            ("exact pairs, nearest groups", nearestGroups(claims.count, exact)),
            ("candidate keys, components", components(claims.count, new)),
            ("candidate keys, nearest groups", nearestGroups(claims.count, new)),
            ("candidate keys reversed, nearest groups", nearestGroups(claims.count, newReversed)),
        ] {
            let (together, sameShare, largest) = sameClaimAgreement(groups, exact)
            print(
                "\(name): \(groupCount(groups)) groups, largest \(largest), same-claim pairs grouped together "
                    + "\(format(together)), grouped pairs that are the same claim \(format(sameShare))"
            )
        }
        print(
            "nearest groups identical in both orders: "
                + "\(nearestGroups(claims.count, new) == nearestGroups(claims.count, newReversed))"
        )
    }

    /// The store's rule (Migrations/0012_claim_nearest_groups.sql), claims ordered by index (first seen): each
    /// claim's nearest claim is the earliest of itself and its same-claim partners; its group is that claim when
    /// the claim is its own nearest, else itself alone.
    static func nearestGroups(_ count: Int, _ edges: [(Int, Int)]) -> [Int] {
        var nearest = Array(0..<count)
        for (a, b) in edges {
            nearest[a] = min(nearest[a], b)
            nearest[b] = min(nearest[b], a)
        }
        return (0..<count).map { nearest[nearest[$0]] == nearest[$0] ? nearest[$0] : $0 }
    }

    /// Of the same-claim pairs (`exact`), the share whose claims share a group; of the pairs of claims sharing a
    /// group, the share that are the same claim; and the largest group.
    static func sameClaimAgreement(_ groups: [Int], _ exact: [(Int, Int)]) -> (Double, Double, Int) {
        let together = exact.filter { groups[$0.0] == groups[$0.1] }.count
        var sizes: [Int: Int] = [:]
        for group in groups { sizes[group, default: 0] += 1 }
        let pairs = sizes.values.reduce(0) { $0 + $1 * ($1 - 1) / 2 }
        return (
            exact.isEmpty ? 1 : Double(together) / Double(exact.count),
            pairs == 0 ? 1 : Double(together) / Double(pairs), sizes.values.max() ?? 0
        )
    }

    static func per(_ count: Int, _ articles: Int) -> String {
        String(format: "%.1f", Double(count) / Double(max(1, articles)))
    }

    static func format(_ value: Double) -> String { String(format: "%.4f", value) }

    static func key(_ a: Int, _ b: Int) -> Int64 { Int64(min(a, b)) << 32 | Int64(max(a, b)) }

    /// Every same-claim pair, from an uncapped inverted index over every token (isSameClaim needs ≥ 3 shared).
    static func exactEdges(_ claims: [Claim]) -> [(Int, Int)] {
        var postings: [UInt64: [Int]] = [:]
        for (id, claim) in claims.enumerated() where claim.signature.tokens.count >= 3 {
            for token in claim.signature.tokens { postings[token, default: []].append(id) }
        }
        var edges: [(Int, Int)] = []
        for (id, claim) in claims.enumerated() where claim.signature.tokens.count >= 3 {
            var counts: [Int: Int] = [:]
            for token in claim.signature.tokens {
                for other in postings[token] ?? [] where other > id { counts[other, default: 0] += 1 }
            }
            for (other, shared) in counts where shared >= 3 {
                if ClaimMatcher.isSameClaim(claim.signature, claims[other].signature) { edges.append((id, other)) }
            }
        }
        return edges
    }

    /// Linking as the store does it: each batch's claims are indexed, then each claim reads capped postings.
    static func linkedEdges(_ claims: [Claim], batch: Int, new: Bool, filtered: Bool = true) -> [(Int, Int)] {
        var postings: [UInt64: [Int]] = [:]
        var edges: [(Int, Int)] = []
        var start = 0
        while start < claims.count {
            let end = min(claims.count, start + batch)
            for id in start..<end {
                let claim = claims[id]
                guard claim.signature.tokens.count >= 3 else { continue }
                for token in new ? claim.indexed : claim.signature.tokens { postings[token, default: []].append(id) }
            }
            for id in start..<end {
                let claim = claims[id]
                guard claim.signature.tokens.count >= 3 else { continue }
                var counts: [Int: Int] = [:]
                for token in new ? claim.indexed : claim.signature.tokens {
                    var read = 0
                    for other in postings[token] ?? [] where other != id && read < postingsPerToken {
                        read += 1
                        counts[other, default: 0] += 1
                    }
                }
                var ranked: [(other: Int, score: Double)] = []
                for (other, shared) in counts {
                    let candidate = claims[other]
                    if new {
                        if filtered {
                            if let similarity = ClaimVariantFilter.similarity(claim.signature, candidate.signature) {
                                ranked.append((other, similarity))
                            }
                        } else {
                            ranked.append((other, ClaimMatcher.similarity(claim.signature, candidate.signature)))
                        }
                    } else if shared >= 3 {
                        ranked.append((other, Double(shared)))
                    }
                }
                ranked.sort { $0.score != $1.score ? $0.score > $1.score : $0.other < $1.other }
                judged += min(candidateCap, ranked.count)
                for (other, _) in ranked.prefix(candidateCap)
                where ClaimMatcher.isSameClaim(claim.signature, claims[other].signature) {
                    edges.append((min(id, other), max(id, other)))
                }
            }
            start = end
        }
        return edges
    }

    /// Each claim's group, named by its smallest member.
    static func components(_ count: Int, _ edges: [(Int, Int)]) -> [Int] {
        var parent = Array(0..<count)
        func find(_ x: Int) -> Int {
            var root = x
            while parent[root] != root { root = parent[root] }
            var node = x
            while parent[node] != root {
                let next = parent[node]
                parent[node] = root
                node = next
            }
            return root
        }
        for (a, b) in edges {
            let (ra, rb) = (find(a), find(b))
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        return (0..<count).map(find)
    }

    static func members(_ groups: [Int]) -> [Int: [Int]] {
        var result: [Int: [Int]] = [:]
        for (claim, group) in groups.enumerated() { result[group, default: []].append(claim) }
        return result.filter { $0.value.count > 1 }
    }

    static func groupCount(_ groups: [Int]) -> Int { members(groups).count }

    /// Groups of two or more claims that are exactly an exact group.
    static func identical(_ groups: [Int], _ exact: [Int]) -> Int {
        let found = Set(members(groups).values.map { $0 })
        return members(exact).values.filter { found.contains($0) }.count
    }

    /// Of the claim pairs the exact groups put together, the share also together here; and the converse.
    static func pairAgreement(_ groups: [Int], _ exact: [Int]) -> (recall: Double, precision: Double) {
        func pairs(_ groups: [Int]) -> Set<Int64> {
            var result = Set<Int64>()
            for list in members(groups).values {
                for i in 0..<list.count {
                    for j in (i + 1)..<list.count { result.insert(key(list[i], list[j])) }
                }
            }
            return result
        }
        let (found, truth) = (pairs(groups), pairs(exact))
        let both = Double(found.intersection(truth).count)
        return (truth.isEmpty ? 1 : both / Double(truth.count), found.isEmpty ? 1 : both / Double(found.count))
    }
}
