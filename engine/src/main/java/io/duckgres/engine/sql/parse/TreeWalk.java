package io.duckgres.engine.sql.parse;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.duckgres.engine.sql.parse.tree.PgQuery.Node;

/**
 * Visits every {@link Node} of a parse tree under construction, children before their parent, so
 * a visitor that replaces a node sees the already transformed operands. The walk follows the
 * protobuf schema generically, so every node type libpg_query can produce is reached.
 */
public final class TreeWalk {
  /** Sees one node; may change it in place. */
  @FunctionalInterface
  public interface Visitor {
    void visit(Node.Builder node);
  }

  private static final Descriptors.OneofDescriptor NODE_TYPES =
      Node.getDescriptor().getOneofs().get(0);

  private TreeWalk() {}

  public static void walk(Message.Builder builder, Visitor visitor) {
    if (builder instanceof Node.Builder node) {
      // A Node is a oneof of some 250 node types: only the one that is set needs a look.
      FieldDescriptor set = node.getOneofFieldDescriptor(NODE_TYPES);
      if (set != null && set.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
        walk(node.getFieldBuilder(set), visitor);
      }
      visitor.visit(node);
      return;
    }
    for (FieldDescriptor field : builder.getDescriptorForType().getFields()) {
      if (field.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
        continue;
      }
      if (field.isRepeated()) {
        int count = builder.getRepeatedFieldCount(field);
        for (int i = 0; i < count; i++) {
          walk(builder.getRepeatedFieldBuilder(field, i), visitor);
        }
      } else if (builder.hasField(field)) {
        walk(builder.getFieldBuilder(field), visitor);
      }
    }
  }
}
