/**
 * The semantic cache: question to meaning ({@link io.asklayer.engine.ask.Interpretation}), so a
 * question is read once, not once per asking, per session or per proxy instance.
 *
 * <p>Contract:
 * <ul>
 *   <li>What is stored is the interpretation before security: the metric query and document
 *       request. Row filters and masks are applied when the answer is planned, every time.</li>
 *   <li>A key is the SHA-256 of the model's fingerprint, the policy's fingerprint, the metadata
 *       snapshot's fingerprint, the reference date, the language-model settings and the normalized
 *       question (lower case, single spaces, no closing punctuation). Nothing else makes two
 *       questions meet here; questions worded differently that mean the same metric query meet in
 *       the plan cache ({@link io.asklayer.engine.session.PlanCache}).</li>
 *   <li>Two tiers: in process (Caffeine, 10,000 entries) and, with the {@code cache} connection
 *       property, Redis, shared by every proxy instance pointed at it; entries live 24 hours.</li>
 *   <li>Redis is never required: a failed or slow call (over 250 ms) is a miss, logged once per
 *       outage, counted, and followed by a back-off of 1 to 30 seconds with no calls; sharing
 *       resumes by itself when Redis answers again.</li>
 *   <li>Entries travel as JSON of plain records; an entry this build cannot read is a miss.</li>
 * </ul>
 */
package io.asklayer.engine.cache;
